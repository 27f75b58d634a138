/** The chosen project; not httpOnly: the browser chooses it, the server only reads it. */
export const PROJECT_COOKIE = 'pier_project';
