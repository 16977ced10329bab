// `kysera`: everything in `kysera/core` and `kysera/repository`.
export * from './core/index.js'
export * from './repository/index.js'
