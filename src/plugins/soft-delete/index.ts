// `kysera/plugins/soft-delete`: every public export is named here. Planned, see DESIGN.md; nothing is exported yet.
export {}
