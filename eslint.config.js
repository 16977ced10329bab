import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/**', 'docs/api/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', URL: 'readonly', globalThis: 'readonly' },
    },
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration[source.value=/^\\.\\/(?!core\\/index|repository\\/index)/]', message: 'Name every export: no `export *` outside the root entry point.' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // A leading underscore marks a parameter an override or a callback signature requires but does not use.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      // Library code logs only through a Logger the user can replace.
      'no-console': 'error',
    },
  },
  {
    files: ['src/core/logger/logger.ts', 'src/cli/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
)
