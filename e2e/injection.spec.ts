import MarkdownIt from 'markdown-it'
import * as yazl from 'yazl'
import * as yauzl from 'yauzl'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { openAudience, startPhones } from './session-helpers'

/*
 * HTML and script typed into every field a person fills in, or brought in by an imported workshop
 * package, must stay text: on the presenter, the projector, the phones, and in every export. Each
 * field carries its own tag, so the test knows which field reached which screen.
 */
const attack = (tag: string): string => `<img src=x onerror=alert('${tag}')><script>alert('${tag}')</script>"'& ${tag}`
/** Discussion groups are at most 60 characters. */
const GROUP = `<img src=x onerror=alert(9)>"'& group`

const WORKSHOP_ID = 'inert-workshop'
const both = (text: string): string => `{ vi: ${JSON.stringify(text)}, en: ${JSON.stringify(text)} }`
/**
 * Slides: raw HTML tags that Markdown would pass through (`<script>`, quoted attributes) make the
 * loader refuse the package; what Markdown reads as text must then be shown as text.
 */
const slideAttack = (tag: string): string => `<img src=x onerror=alert('${tag}')>"'& ${tag}`
const slide = (say: (tag: string) => string): string =>
  `# ${say('slide')}\n\n- ${say('bullet')} [@src#1]\n\nNote:\n${say('speaker')} [@src#1]\n`

/** A package whose every text field carries script; the same texts in both languages. */
async function hostilePackage(slideText = slide(slideAttack)): Promise<string> {
  const manifest = `format: 1
id: ${WORKSHOP_ID}
version: 1.0.0
title: ${both(attack('title'))}
summary: ${both(attack('summary'))}
audience:
  groups: [parents]
  description: ${both(attack('audience'))}
durationMinutes: 30
languages: [vi, en]
objectives:
  - id: know
    text: ${both(attack('objective'))}
contentNote: ${both(attack('content-note'))}
safeguarding:
  - ${both(attack('safeguarding'))}
sources:
  - id: src
    title: ${JSON.stringify(attack('source'))}
    description: ${both(attack('source-description'))}
    paragraphs: 3
blocks:
  - id: intro
    kind: slides
    title: ${both(attack('slides-title'))}
    minutes: 10
  - id: talk
    kind: discussion
    title: ${both(attack('discussion-title'))}
    minutes: 10
    prompt: ${both(attack('prompt'))}
    debrief:
      - ${both(attack('debrief'))}
  - id: choice
    kind: poll
    title: ${both(attack('poll-title'))}
    minutes: 5
    notes: ${both(attack('poll-notes'))}
    question: ${both(attack('question'))}
    type: single
    options:
      - { id: a, text: ${both(attack('option-a'))} }
      - { id: b, text: ${both(attack('option-b'))} }
  - id: thoughts
    kind: poll
    title: ${both(attack('feedback-title'))}
    minutes: 5
    question: ${both(attack('feedback-question'))}
    type: open
    purpose: feedback
`
  const zip = new yazl.ZipFile()
  zip.addBuffer(Buffer.from(manifest), `${WORKSHOP_ID}/workshop.yaml`)
  zip.addBuffer(Buffer.from(slideText), `${WORKSHOP_ID}/slides/intro.vi.md`)
  zip.addBuffer(Buffer.from(slideText), `${WORKSHOP_ID}/slides/intro.en.md`)
  zip.end()
  const chunks: Buffer[] = []
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('base64')
}

/** Every tag of an attack string found in `text`. */
const tagsIn = (text: string): string[] => [...text.matchAll(/alert\('([\w-]+)'\)/g)].map((m) => m[1]!)

/**
 * The page shows each given field's text literally, and nothing the texts carry became an element:
 * no image with their source, no handler attribute, no script with their code.
 */
async function expectInert(page: Page, where: string, texts: string[]): Promise<void> {
  for (const text of texts) await expect(page.locator('body'), `${where}: ${text}`).toContainText(text)
  const frames = page.frames()
  for (const frame of frames) {
    const injected = await frame.evaluate(() => ({
      images: document.querySelectorAll('img[src="x"]').length,
      handlers: document.querySelectorAll('[onerror], [onmouseover]').length,
      scripts: [...document.scripts].filter((s) => (s.textContent ?? '').includes('alert(')).length
    }))
    expect(injected, `${where}${frame === page.mainFrame() ? '' : ' (frame)'}`).toEqual({
      images: 0,
      handlers: 0,
      scripts: 0
    })
  }
}

/** Fails the test if any page opens an alert: the payloads' only way to show they ran. */
function watchDialogs(page: Page, fired: string[]): void {
  page.on('dialog', (dialog) => {
    fired.push(`${page.url()}: ${dialog.message()}`)
    void dialog.dismiss()
  })
}

test('script in every user-entered field and imported workshop text stays inert on every screen and in every export', async ({
  trainer,
  host,
  browser
}) => {
  test.setTimeout(120_000)
  const fired: string[] = []
  watchDialogs(trainer, fired)
  const refused = (await host.call('workshop.import', {
    fileName: 'raw.roundtable',
    base64: await hostilePackage(slide(attack))
  })) as {
    status: string
    problems: { code: string }[]
  }
  expect(refused.status).toBe('invalid')
  expect(new Set(refused.problems.map((p) => p.code))).toEqual(new Set(['raw-html']))
  const imported = (await host.call('workshop.import', {
    fileName: 'hostile.roundtable',
    base64: await hostilePackage()
  })) as {
    status: string
  }
  expect(imported, JSON.stringify(imported)).toMatchObject({ status: 'imported' })

  // Library and workshop page: the imported title and summary as text.
  await trainer.reload()
  const card = trainer.locator('.card', { hasText: attack('title') })
  await expect(card).toBeVisible()
  await expectInert(trainer, 'library', [attack('title')])
  await card.getByRole('button', { name: 'Xem' }).click()
  await expectInert(trainer, 'workshop', [attack('title'), attack('summary')])

  // The trainer starts a session, typing script into the venue and trainer fields.
  await trainer.getByRole('button', { name: 'Bắt đầu buổi tập huấn' }).click()
  await trainer.getByLabel('Địa điểm').fill(attack('venue'))
  await trainer.getByLabel('Tập huấn viên').fill(attack('trainer'))
  await trainer.getByRole('button', { name: 'Bắt đầu', exact: true }).click()
  await expect(trainer.getByTestId('presenter')).toBeVisible()
  const audience = await openAudience(trainer)
  watchDialogs(audience, fired)
  await expectInert(trainer, 'presenter, slides', [slideAttack('slide'), slideAttack('bullet'), slideAttack('speaker')])
  await expectInert(audience, 'audience, slides', [slideAttack('slide'), slideAttack('bullet')])

  // Discussion: a group note and a parking-lot question, typed into the presenter's tools.
  await trainer.locator('.agenda-strip li[data-kind="discussion"] button').first().click()
  await expectInert(trainer, 'presenter, discussion', [attack('prompt')])
  await expectInert(audience, 'audience, discussion', [attack('prompt')])
  await trainer.getByLabel('Nhóm', { exact: true }).fill(GROUP)
  await trainer.getByLabel('Nhóm đã trình bày gì?').fill(attack('note'))
  await trainer.getByRole('button', { name: 'Thêm ghi chép' }).click()
  await trainer.getByText(/Câu hỏi để trả lời sau/).click()
  await trainer.getByLabel('Câu hỏi cần theo dõi').fill(attack('parking'))
  await trainer.getByRole('button', { name: 'Thêm', exact: true }).click()
  await expectInert(trainer, 'presenter, notes and parking lot', [GROUP, attack('note'), attack('parking')])

  // Phones: the imported poll's options, then an open-text answer with script.
  const { url, code } = await startPhones(trainer)
  await trainer.locator('.agenda-strip li[data-kind="poll"] button').first().click()
  await trainer.getByRole('button', { name: /Mở bình chọn.*Điện thoại/ }).click()
  const phoneContext = await browser.newContext({ viewport: { width: 360, height: 740 } })
  const phone = await phoneContext.newPage()
  watchDialogs(phone, fired)
  await phone.goto(url)
  await phone.locator('input[name="code"]').fill(code)
  await phone.getByRole('button', { name: 'Tham gia' }).click()
  await expectInert(phone, 'phone, poll', [attack('question'), attack('option-a'), attack('option-b')])
  await phone.locator('input[type="radio"]').first().check()
  await phone.getByRole('button', { name: 'Gửi câu trả lời' }).click()
  await expect(phone.getByRole('status')).toContainText('Đã lưu')
  await expectInert(trainer, 'presenter, poll', [attack('question'), attack('option-a'), attack('poll-notes')])
  await expectInert(audience, 'audience, poll', [attack('question'), attack('option-a'), attack('option-b')])

  await trainer.locator('.agenda-strip li[data-kind="poll"] button').nth(1).click()
  await trainer.getByRole('button', { name: /Mở bình chọn.*Điện thoại/ }).click()
  await expect(phone.locator('textarea')).toBeVisible() // the phone's page follows the open question by itself
  await phone.locator('textarea').fill(attack('answer'))
  await phone.getByRole('button', { name: 'Gửi câu trả lời' }).click()
  await expect(phone.getByRole('status')).toContainText('Đã lưu')
  await phone.reload() // the page again, now with the answer given before in the text box
  await expect(phone.locator('textarea')).toHaveValue(attack('answer'))
  await expectInert(phone, 'phone, open question', [attack('feedback-question')])
  const review = trainer.locator('.open-answers li')
  await expect(review.locator('.answer-text')).toHaveText(attack('answer'))
  await review.getByRole('button', { name: 'Cho hiện' }).click()
  await expect(audience.locator('.open-texts li')).toHaveText(attack('answer'))
  await expectInert(audience, 'audience, open answers', [attack('feedback-question'), attack('answer')])
  await expectInert(trainer, 'presenter, open answers', [attack('answer')])
  await phoneContext.close()

  // Closing remarks on the summary screen; the report shown in its sandboxed frame.
  await trainer.getByRole('button', { name: 'Kết thúc buổi học' }).click()
  await trainer.getByRole('button', { name: 'Tóm tắt', exact: true }).click()
  await trainer.getByLabel('Nhận xét kết thúc của tập huấn viên').fill(attack('remarks'))
  await trainer.getByLabel('Nhận xét kết thúc của tập huấn viên').press('Tab')
  const everyField = [
    attack('title'),
    attack('venue'),
    attack('trainer'),
    GROUP,
    attack('note'),
    attack('parking'),
    attack('option-a'),
    attack('answer'),
    attack('remarks')
  ]
  const frame = trainer.frameLocator('iframe.summary-frame')
  for (const text of everyField) await expect(frame.locator('body'), `summary frame: ${text}`).toContainText(text)
  await expectInert(trainer, 'summary screen', [])

  // Every export. HTML, and the printable guide and sign-in sheet, opened in Chromium.
  const sessionId = ((await host.call('session.list')) as { id: string }[])[0]!.id
  type Exported = { files: { name: string; content: string; base64: boolean }[] }
  const exported = async (format: string): Promise<Exported['files'][number]> =>
    ((await host.call('session.export', { id: sessionId, language: 'vi', format })) as Exported).files[0]!
  const documents: [string, string, string[]][] = [
    ['HTML export', (await exported('html')).content, everyField],
    [
      'facilitator guide',
      ((await host.call('workshop.print', { id: WORKSHOP_ID, document: 'guide', language: 'vi' })) as { html: string })
        .html,
      [
        attack('title'),
        slideAttack('slide'),
        slideAttack('speaker'),
        attack('prompt'),
        attack('option-a'),
        attack('safeguarding')
      ]
    ],
    [
      'sign-in sheet',
      (
        (await host.call('workshop.print', { id: WORKSHOP_ID, document: 'sign-in', language: 'vi' })) as {
          html: string
        }
      ).html,
      [attack('title')]
    ]
  ]
  for (const document of ['answer-sheets', 'room-sheet'] as const) {
    const printed = await host.call('workshop.print', {
      id: WORKSHOP_ID,
      document,
      language: 'vi',
      polls: true,
      participants: 1
    })
    documents.push([document, (printed as { html: string }).html, [attack('title')]])
  }
  // Markdown is shown by viewers that render raw HTML: rendered that way, it must still hold no element.
  const markdown = (await exported('markdown')).content
  documents.push(['Markdown export', new MarkdownIt({ html: true }).render(markdown), []])
  expect(tagsIn(markdown)).toEqual(expect.arrayContaining(['venue', 'trainer', 'note', 'parking', 'answer', 'remarks']))
  const viewer = await trainer.context().newPage()
  watchDialogs(viewer, fired)
  for (const [where, html, texts] of documents) {
    await viewer.setContent(html)
    await expectInert(viewer, where, texts)
  }
  await viewer.close()

  // JSON and CSV hold the exact texts: parsed back, each field is what was typed.
  const json = JSON.parse((await exported('json')).content)
  const strings = JSON.stringify(json)
  for (const text of everyField) expect(strings, `JSON: ${text}`).toContain(JSON.stringify(text).slice(1, -1))
  const zip = await yauzl.fromBufferPromise(Buffer.from((await exported('csv')).content, 'base64'), {
    lazyEntries: true
  })
  const cells: string[] = []
  await new Promise<void>((done, fail) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      void zip.openReadStreamPromise(entry).then(async (stream) => {
        const chunks: Buffer[] = []
        for await (const chunk of stream) chunks.push(chunk as Buffer)
        cells.push(
          ...parseCsv(
            Buffer.concat(chunks)
              .toString('utf8')
              .replace(/^\uFEFF/, '')
          ).flat()
        )
        zip.readEntry()
      }, fail)
    })
    zip.on('end', () => done())
    zip.on('error', fail)
    zip.readEntry()
  })
  for (const text of [attack('venue'), attack('trainer'), attack('answer'), attack('remarks')]) {
    expect(
      cells.some((cell) => cell.includes(text)),
      `CSV: ${text}`
    ).toBe(true)
  }

  expect(fired, 'alerts opened by injected script').toEqual([])
  // The presenter and projector saw no script run either, after everything above.
  await expectInert(audience, 'audience, at the end', [])
})

/** RFC 4180 rows (quoted fields with doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [[]]
  let field = ''
  let quoted = false
  const endField = (): void => {
    rows.at(-1)!.push(field)
    field = ''
  }
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"'
      i++
    } else if (c === '"') quoted = !quoted
    else if (quoted || (c !== ',' && c !== '\r' && c !== '\n')) field += c
    else if (c === ',') endField()
    else if (c === '\n') {
      endField()
      rows.push([])
    }
  }
  return rows
}

/**
 * Adds an inline script and an inline event handler to the page as an injection would, and reports
 * which ran and which directives the browser reported as violated.
 */
async function injectInlineScript(page: Page): Promise<{ ran: string[]; violations: string[] }> {
  return page.evaluate(async () => {
    const violations: string[] = []
    document.addEventListener('securitypolicyviolation', (event) => violations.push(event.effectiveDirective))
    const ran: string[] = []
    ;(window as unknown as { __ran: string[] }).__ran = ran
    const script = document.createElement('script')
    script.textContent = 'window.__ran.push("inline script")'
    document.body.append(script)
    const holder = document.createElement('div')
    holder.innerHTML = `<img src="x" onerror="window.__ran.push('inline handler')">`
    document.body.append(holder)
    await new Promise((resolve) => setTimeout(resolve, 500))
    return { ran, violations: [...new Set(violations)].sort() }
  })
}

/** The policy's script-src (or, without one, its default-src) allows no inline script and no eval. */
function expectStrictScriptPolicy(policy: string | undefined, where: string): void {
  const directives = policy?.split(';').map((d) => d.trim()) ?? []
  const scripts =
    directives.find((d) => d.startsWith('script-src ')) ?? directives.find((d) => d.startsWith('default-src '))
  expect(scripts, `${where}: script-src or default-src`).toBeDefined()
  expect(scripts, where).not.toMatch(/'unsafe-inline'|'unsafe-eval'|'unsafe-hashes'|\*|data:/)
}

test('the Content Security Policy of every served page and exported document stops inline script', async ({
  page,
  host,
  outsideRequests
}) => {
  void outsideRequests
  // The control: without a policy, the same injection runs, so "nothing ran" below means blocked.
  await page.setContent('<!doctype html><title>control</title><body></body>')
  expect((await injectInlineScript(page)).ran.sort()).toEqual(['inline handler', 'inline script'])

  // The trainer's app: the policy arrives as a header, the served HTML has no inline script.
  const served = await page.request.get(`${host.origin}/`)
  expectStrictScriptPolicy(served.headers()['content-security-policy'], 'app')
  const html = await served.text()
  expect(
    [...html.matchAll(/<script\b([^>]*)>/g)].every((m) => /\bsrc=/.test(m[1]!)),
    html
  ).toBe(true)
  await page.goto(host.url)
  await expect(page.getByRole('heading', { name: 'Thư viện hội thảo' })).toBeVisible()
  expect(await injectInlineScript(page)).toEqual({ ran: [], violations: ['script-src-attr', 'script-src-elem'] })

  // The phones' page, from the participant server.
  const participants = (await host.call('participants.start', { address: '127.0.0.1', port: 0 })) as { url: string }
  const phonePage = await page.request.get(participants.url)
  expectStrictScriptPolicy(phonePage.headers()['content-security-policy'], 'phone page')
  await page.goto(participants.url)
  await expect(page.locator('input[name="code"]')).toBeVisible()
  expect(await injectInlineScript(page)).toEqual({ ran: [], violations: ['script-src-attr', 'script-src-elem'] })

  // Exported and printable documents carry their own policy (they are opened from disk, with no server).
  const session = (await host.call('session.start', {
    workshopId: 'conference-briefing',
    details: { venue: 'Hội trường', date: '2026-03-01', trainer: 'Lan', language: 'vi', plannedStart: '08:30' }
  })) as { id: string }
  const summary = (await host.call('session.export', { id: session.id, language: 'vi', format: 'html' })) as {
    files: { content: string }[]
  }
  const guide = (await host.call('workshop.print', {
    id: 'conference-briefing',
    document: 'guide',
    language: 'vi'
  })) as { html: string }
  for (const [where, document] of [
    ['HTML export', summary.files[0]!.content],
    ['facilitator guide', guide.html]
  ] as const) {
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(document)?.[1]
    expectStrictScriptPolicy(policy?.replace(/&#39;/g, "'"), where)
    await page.setContent(document)
    const outcome = await injectInlineScript(page)
    expect(outcome.ran, where).toEqual([])
    expect(outcome.violations, where).toEqual(expect.arrayContaining(['script-src-elem']))
  }
})
