/** The Chromium (or Chrome, or Edge) binary browser mode uses, or null when none is installed. */
export function findChromium(): string | null
