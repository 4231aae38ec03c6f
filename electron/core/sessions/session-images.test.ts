import { mkdtemp, readFile, stat, writeFile, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createAppCore, type AppCore } from '../app-core'
import { samplePackage, samplePng, writePackage } from '../../testing/sample-package'

const details = {
  venue: 'Hội trường',
  date: '2026-11-29',
  trainer: 'Lan',
  language: 'vi' as const,
  plannedStart: '08:00'
}

/** A bundled-workshops folder with one workshop whose first slide shows an image in both languages. */
async function workshopsWithImage(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'roundtable-session-images-'))
  const files = samplePackage('image-workshop')
  files['slides/intro.vi.md'] = files['slides/intro.vi.md']!.replace(
    '# Xin chào\n',
    '# Xin chào\n\n![Bản đồ](images/map.png)\n'
  )
  files['slides/intro.en.md'] = files['slides/intro.en.md']!.replace('# Hello\n', '# Hello\n\n![Map](images/map.png)\n')
  await writePackage(join(folder, 'image-workshop'), files)
  await mkdir(join(folder, 'image-workshop', 'images'))
  // A large image (still a real PNG by its bytes), so a copy of it in the session file would show.
  await writeFile(
    join(folder, 'image-workshop', 'images', 'map.png'),
    Buffer.concat([samplePng(), Buffer.alloc(500_000, 7)])
  )
  return folder
}

const core = (dataDir: string, workshopsDir: string): Promise<AppCore> =>
  createAppCore({ dataDir, workshopsDir, host: 'browser', version: '0.0.0-test' })

describe('slide images in a session', () => {
  it('are saved once beside the session file, not in it, and windows get them back, also after a restart', async () => {
    const workshopsDir = await workshopsWithImage()
    const dataDir = await mkdtemp(join(tmpdir(), 'roundtable-session-data-'))
    const first = await core(dataDir, workshopsDir)
    const started = await first.handlers['session.start']({ workshopId: 'image-workshop', details })
    const base64 = samplePng().toString('base64').slice(0, 40)
    expect(started.snapshot.slides.intro?.vi[0]?.html).toContain(base64)

    // Commands save the session file; it stays small: the image is only in the images file, once.
    await first.handlers['session.command']({ id: started.id, command: { type: 'next' } })
    const sessionFile = join(dataDir, 'sessions', `${started.id}.json`)
    const sessionText = await readFile(sessionFile, 'utf8')
    expect(sessionText).not.toContain(base64)
    expect(sessionText).toContain('src=\\"session-image:0\\"')
    expect((await stat(sessionFile)).size).toBeLessThan(100_000)
    const images = JSON.parse(
      await readFile(join(dataDir, 'sessions', `${started.id}.images.json`), 'utf8')
    ) as string[]
    expect(images).toHaveLength(1) // Vietnamese and English share it
    expect(images[0]).toMatch(/^data:image\/png;base64,/)

    await first.handlers['session.command']({ id: started.id, command: { type: 'previous' } })
    const view = await first.handlers['session.audience']({ id: started.id })
    expect(view).toMatchObject({ kind: 'slide' })
    expect((view as { html: string }).html).toContain(`<img class="slide-image" src="data:image/png;base64,${base64}`)
    await first.close()

    const second = await core(dataDir, workshopsDir)
    const resumed = await second.handlers['session.get']({ id: started.id })
    expect(resumed.snapshot.slides.intro?.en[0]?.html).toContain(`src="data:image/png;base64,${base64}`)
    expect(resumed.snapshot.slides.intro?.en[0]?.html).toContain('alt="Map"')
    await second.close()
  })
})
