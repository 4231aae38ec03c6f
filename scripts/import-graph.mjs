// The project's import graph, read with TypeScript's own parser: which source file imports which, and whether the
// import is a value import (it ends up in the bundle) or a type import (erased). Used by `check-import-cycles.mjs`.
// (madge 8, the usual tool, declares a peer range that excludes the TypeScript 6 this project uses.)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'

const SOURCE = /\.(ts|svelte)$/
const SKIP = new Set(['node_modules', 'out', 'dist', 'test-results', '.git'])

/** Every .ts and .svelte file under the given folders, as paths relative to `root`. */
export function sourceFiles(root, folders) {
  const files = []
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      if (SKIP.has(name)) continue
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else if (SOURCE.test(name) && !name.endsWith('.d.ts')) files.push(relative(root, path))
    }
  }
  for (const folder of folders) if (existsSync(join(root, folder))) walk(join(root, folder))
  return files.sort()
}

/** The script part of a .svelte file, or the whole text of a .ts file. */
function scriptText(path, text) {
  if (!path.endsWith('.svelte')) return text
  return [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1]).join('\n')
}

/** Relative imports of one file: `{ to, typeOnly }`, `to` relative to root (unresolvable ones are left out). */
export function importsOf(root, file) {
  const text = scriptText(file, readFileSync(join(root, file), 'utf8'))
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS)
  const found = []
  for (const statement of source.statements) {
    const isImport = ts.isImportDeclaration(statement)
    const isExport = ts.isExportDeclaration(statement)
    if ((!isImport && !isExport) || !statement.moduleSpecifier) continue
    const specifier = statement.moduleSpecifier.text
    if (!specifier.startsWith('.')) continue
    const to = resolveRelative(root, file, specifier)
    if (to) found.push({ to, typeOnly: isTypeOnly(statement) })
  }
  return found
}

function isTypeOnly(statement) {
  if (ts.isExportDeclaration(statement)) {
    if (statement.isTypeOnly) return true
    const clause = statement.exportClause
    return Boolean(clause && ts.isNamedExports(clause) && clause.elements.every((element) => element.isTypeOnly))
  }
  const clause = statement.importClause
  if (!clause) return false // a side-effect import
  if (clause.isTypeOnly) return true
  if (clause.name) return false
  const bindings = clause.namedBindings
  return Boolean(bindings && ts.isNamedImports(bindings) && bindings.elements.every((element) => element.isTypeOnly))
}

function resolveRelative(root, file, specifier) {
  const base = resolve(root, dirname(file), specifier)
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile() && SOURCE.test(candidate))
      return relative(root, candidate)
  }
  return null
}

/** file → its imports, for every source file under `folders`. */
export function importGraph(root, folders) {
  return new Map(sourceFiles(root, folders).map((file) => [file, importsOf(root, file)]))
}

/** The import cycles (strongly connected components of more than one file, or a file importing itself). */
export function importCycles(graph) {
  const index = new Map()
  const low = new Map()
  const stack = []
  const onStack = new Set()
  const cycles = []
  let counter = 0
  const visit = (file) => {
    index.set(file, counter)
    low.set(file, counter++)
    stack.push(file)
    onStack.add(file)
    for (const { to } of graph.get(file) ?? []) {
      if (!index.has(to)) {
        visit(to)
        low.set(file, Math.min(low.get(file), low.get(to)))
      } else if (onStack.has(to)) low.set(file, Math.min(low.get(file), index.get(to)))
    }
    if (low.get(file) !== index.get(file)) return
    const component = []
    let member
    do {
      member = stack.pop()
      onStack.delete(member)
      component.push(member)
    } while (member !== file)
    const selfImport = (graph.get(file) ?? []).some(({ to }) => to === file)
    if (component.length > 1 || selfImport) cycles.push(component.sort())
  }
  for (const file of graph.keys()) if (!index.has(file)) visit(file)
  return cycles
}
