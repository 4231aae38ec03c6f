/**
 * Whether the "Phones can't connect?" help is open. The phones panel and Electron's Help menu open it;
 * App.svelte shows it, loading its component only then (it is not part of the first load).
 */
export const phonesHelp = $state({ open: false })
