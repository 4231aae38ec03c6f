import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createAppCore } from '../core/app-core'
import { captureConsole, LogFile } from '../core/logging/log-file'
import { defaultDataDir } from './data-dir'
import { startBrowserHost } from './browser-host'
import { participantNetwork } from './participants'

/**
 * Runs Roundtable in browser mode: `node out/main/browser-host.js [--port N] [--data-dir DIR]`
 * (`--workshops-dir` and `--fonts-dir` default to the checkout's workshops/ and resources/fonts/).
 * Prints one line with the address to open (it carries the access token) and serves until stopped.
 */
const here = fileURLToPath(new URL('.', import.meta.url))
const root = resolve(here, '../..')

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.ROUNDTABLE_PORT ?? '0' },
    'data-dir': { type: 'string', default: process.env.ROUNDTABLE_DATA_DIR },
    'workshops-dir': { type: 'string', default: join(root, 'workshops') },
    'fonts-dir': { type: 'string', default: join(root, 'resources', 'fonts') }
  }
})

const port = Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Roundtable: --port must be a number from 0 to 65535 (got "${values.port}")`)
  process.exit(2)
}

const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version
const dataDir = resolve(values['data-dir'] ?? defaultDataDir())
// The local log (data folder/logs), as in the app: what is printed with console.error/warn goes there too.
const log = new LogFile({ dataDir })
captureConsole(log)
const core = await createAppCore({
  dataDir,
  workshopsDir: resolve(values['workshops-dir']),
  fontsDir: resolve(values['fonts-dir']),
  host: 'browser',
  version,
  participants: participantNetwork,
  log
}).catch((error: Error) => {
  console.error(`Roundtable: ${error.message}`)
  process.exit(1)
})
const host = await startBrowserHost({
  core,
  rendererDir: join(root, 'out/renderer'),
  token: randomBytes(24).toString('base64url'),
  port
}).catch((error: NodeJS.ErrnoException) => {
  console.error(
    error.code === 'EADDRINUSE'
      ? `Roundtable: port ${port} is already in use; choose another with --port`
      : `Roundtable: could not start: ${error.message}`
  )
  process.exit(1)
})

console.log(`Roundtable (browser mode) is running at ${host.url}`)
console.log(`Data folder: ${dataDir}`)

const stop = async (): Promise<void> => {
  await host.close()
  await core.close()
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())
