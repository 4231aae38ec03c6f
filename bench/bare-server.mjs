// The vote-ingest baseline: bare node:http answering the same POST (body read and parsed, JSON reply),
// in a process of its own like the Roundtable host.
import http from 'node:http'

const server = http.createServer((req, res) => {
  const chunks = []
  req.on('data', (c) => chunks.push(c))
  req.on('end', () => {
    new URLSearchParams(Buffer.concat(chunks).toString())
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}')
  })
})
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }))
process.on('message', (message) => message === 'exit' && server.close(() => process.exit(0)))
