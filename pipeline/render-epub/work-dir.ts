/**
 * Prefix of the EPUB writer's work folders in the system's temp folder,
 * followed by the pid of the process that made them, so a build can remove
 * those of a process that was killed (removeOrphanTemp). A module of its own:
 * the build reads it without loading the writer.
 */
export const EPUB_TEMP_PREFIX = "tweeluik-epub-";
