/** Moved to the document pipeline; kept here for app-core.ts until its imports are rewritten. */
export { exportFiles, type ExportedFile, type ExportFormat, type ExportWriters } from '../documents/export-files'
