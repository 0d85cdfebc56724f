"""`qalam import_wordpress`: a WordPress eXtended RSS export (WXR) into Qalam
(docs/wordpress.md). `wxr` reads the file, `content` turns post markup into body blocks,
`importer` maps everything else."""
