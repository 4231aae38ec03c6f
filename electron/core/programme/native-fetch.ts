/**
 * Stands in for the `pouchdb-fetch` package in the main bundle (an alias in electron.vite.config.ts).
 * That package wraps node-fetch in fetch-cookie, about 1 MB of bundle, for what Node 20 and Electron's
 * main process have built in. Roundtable signs in to the programme server with basic authentication on
 * each request, so no cookie jar is needed.
 */
export const fetch = globalThis.fetch.bind(globalThis)
export const Headers = globalThis.Headers
