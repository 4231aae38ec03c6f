#!/usr/bin/env node
// Fails when any two source files import each other, directly or through others (type imports count too: a cycle of
// types still means two modules cannot be understood one without the other). Part of `npm test`.
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { importCycles, importGraph } from './import-graph.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const graph = importGraph(root, ['electron', 'renderer/src', 'e2e', 'scripts'])
const cycles = importCycles(graph)

for (const cycle of cycles) console.log(`import cycle: ${cycle.join(' ↔ ')}`)
console.log(`${graph.size} files, ${cycles.length} import cycle${cycles.length === 1 ? '' : 's'}`)
process.exitCode = cycles.length === 0 ? 0 : 1
