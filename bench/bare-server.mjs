// The answer baseline: bare node:http, in a process of its own like the Roundtable host, taking the same
// POST (body read and parsed, the device read from its cookie) and making each answer durable before it
// replies, with the same write as the app: the whole session file serialised, written to a temp file,
// fsynced, renamed over the file, and the folder fsynced.
//
// Group commit, as the app does (DurableJsonFile.write): one write at a time; answers that arrive while it
// runs wait for the next one, which holds all of them. Without it the baseline would be bounded by one
// fsync per answer and the ratio would flatter the app; with it both do the same fair thing.
//
// IPC: { type: 'start', sessionFile, pollPath } → { port }; 'exit'.
import http from 'node:http'
import { mkdtemp, open, readFile, rename, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

let data = null
let answers = null
let folder = null
let writing = null
let waiting = []

/** One durable write of everything stored so far; callers that came meanwhile are acknowledged with it. */
async function commitLoop() {
  while (waiting.length > 0) {
    const batch = waiting
    waiting = []
    const text = JSON.stringify(data)
    const temp = join(folder, 'session.json.tmp')
    const file = await open(temp, 'w')
    await file.writeFile(text)
    await file.sync()
    await file.close()
    await rename(temp, join(folder, 'session.json'))
    const dir = await open(folder, 'r')
    await dir.sync()
    await dir.close()
    for (const done of batch) done()
  }
  writing = null
}

const durable = () =>
  new Promise((resolve) => {
    waiting.push(resolve)
    writing ??= commitLoop()
  })

const server = http.createServer((req, res) => {
  const chunks = []
  req.on('data', (c) => chunks.push(c))
  req.on('end', async () => {
    const form = new URLSearchParams(Buffer.concat(chunks).toString())
    const device = /rt_device=([^.;]+)/.exec(req.headers.cookie ?? '')?.[1]
    const block = form.get('block')
    if (!device || !block) return res.writeHead(400).end()
    answers[device] = { values: { [block]: form.getAll(block) }, at: new Date().toISOString() }
    await durable()
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"message":"Đã lưu"}')
  })
})

process.on('message', async (message) => {
  if (message === 'exit') {
    server.close()
    server.closeAllConnections()
    await writing
    await rm(folder, { recursive: true, force: true })
    process.exit(0)
  }
  if (message.type === 'start') {
    // The app's own session file (its snapshot and the answers so far): the same size to write.
    data = JSON.parse(await readFile(message.sessionFile, 'utf8'))
    answers = message.pollPath.reduce((at, key) => at[key], data)
    folder = await mkdtemp(join(tmpdir(), 'roundtable-bench-bare-'))
    server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }))
  }
})
