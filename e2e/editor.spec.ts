import { samplePng } from '../electron/testing/sample-package'
import { expect, test } from './fixtures'
import { screens, screenshotsBothWays } from './screens'

// These tests read the printed documents in the print tab: their host has no Chromium to make PDFs with
// (browser mode then opens the tab, as it did before PDFs; e2e/summary-pdf.spec.ts covers the PDF itself).
test.use({ hostEnv: { ROUNDTABLE_CHROMIUM: '/nonexistent/chromium' } })

test('NGO staff adapt a bundled workshop, share it as a file, and a trainer runs it', async ({ trainer }, testInfo) => {
  test.setTimeout(120_000)
  await trainer.locator('.card', { hasText: 'Giữ an toàn cho trẻ' }).getByRole('button', { name: 'Xem' }).click()
  await trainer.getByRole('button', { name: 'Tạo bản sao để chỉnh sửa' }).click()
  await expect(trainer.getByTestId('editor')).toBeVisible()
  const rows = trainer.getByTestId('builder-row')
  const titles = async () => rows.locator('.row-title').allInnerTexts()

  // Reorder: the second part moves up.
  const before = await titles()
  await rows.nth(1).getByRole('button', { name: 'Chuyển lên' }).click()
  expect((await titles()).slice(0, 2)).toEqual([before[1], before[0]])

  // Shorten a part by 5 minutes, and the target with it.
  const minutes = rows.nth(0).getByRole('spinbutton')
  const old = Number(await minutes.inputValue())
  await minutes.fill(String(old - 5))
  await minutes.press('Tab')
  const target = trainer.getByLabel('Thời lượng mục tiêu (phút)')
  const oldTarget = Number(await target.inputValue())
  await target.fill(String(oldTarget - 5))
  await target.press('Tab')

  // Add a poll, in both languages, after the selected part; the agenda grows by 5 minutes, so the target too.
  await trainer.getByLabel('Loại phần mới').selectOption('poll')
  await trainer.getByRole('button', { name: '+ Thêm phần' }).click()
  const part = trainer.locator('.block-editor')
  const field = (legend: string) => part.locator('fieldset', { hasText: legend }).first()
  await field('Tên phần').locator('input').nth(0).fill('Thăm dò nhanh')
  await field('Tên phần').locator('input').nth(1).fill('Quick poll')
  await field('Câu hỏi').locator('textarea').nth(0).fill('Con anh chị có điện thoại riêng không?')
  // Only Vietnamese so far: the editor flags the untranslated question.
  await expect(field('Câu hỏi')).toHaveClass(/untranslated/)
  await expect(trainer.getByTestId('untranslated')).toBeVisible()
  await trainer.screenshot({ path: `${screens}/editor-untranslated-vi-1280x720.png`, fullPage: true })
  await field('Câu hỏi').locator('textarea').nth(1).fill('Does your child have their own phone?')
  await expect(field('Câu hỏi')).not.toHaveClass(/untranslated/)
  for (const [i, [vi, en]] of [
    ['Có', 'Yes'],
    ['Không', 'No']
  ].entries()) {
    const option = part.locator('fieldset', { hasText: 'Lựa chọn' }).nth(i)
    await option.locator('input').nth(0).fill(vi!)
    await option.locator('input').nth(1).fill(en!)
  }
  // An agenda longer than the target is flagged…
  await expect(trainer.getByTestId('agenda-total')).toContainText('Vượt 5 phút')
  await trainer.screenshot({ path: `${screens}/editor-overlong-vi-1280x720.png`, fullPage: true })
  // …until the target matches.
  await target.fill(String(oldTarget))
  await target.press('Tab')
  await expect(trainer.getByText('Hội thảo hợp lệ, có thể dùng ngay')).toBeVisible({ timeout: 10_000 })

  // Undo and redo the last change.
  await trainer.locator('body').click({ position: { x: 5, y: 700 } })
  await trainer.getByRole('button', { name: '↶ Hoàn tác' }).click()
  await expect(target).toHaveValue(String(oldTarget - 5))
  await trainer.getByRole('button', { name: '↷ Làm lại' }).click()
  await expect(target).toHaveValue(String(oldTarget))
  await expect(trainer.getByText('Hội thảo hợp lệ, có thể dùng ngay')).toBeVisible({ timeout: 10_000 })

  // Quiz keys are edited too: the pre-test's first question in English, then its correct answer moves and back.
  await rows.filter({ hasText: 'Kiểm tra đầu buổi' }).locator('.row-select').click()
  const question = part.locator('fieldset.question').first()
  await question.locator('fieldset.bilingual').first().locator('textarea').nth(1).fill('Edited question text')
  const correct = question.getByRole('radio', { name: 'Đúng' })
  const right = await correct.evaluateAll((radios) => radios.findIndex((r) => (r as HTMLInputElement).checked))
  await correct.nth(right === 0 ? 1 : 0).check()
  await correct.nth(right).check()
  await expect(trainer.getByText('Hội thảo hợp lệ, có thể dùng ngay')).toBeVisible({ timeout: 10_000 })
  const overflow = await trainer.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth
  )
  expect(overflow, 'the editor is wider than the window').toBeLessThanOrEqual(0)
  await trainer.screenshot({ path: `${screens}/editor-quiz-vi-1280x720.png` })

  // Add an image to the welcome slides: a real PNG, described in both languages, shown in the preview.
  await rows.filter({ hasText: before[0]! }).locator('.row-select').click()
  for (const [language, title] of [
    ['en', 'Where to find help'],
    ['vi', 'Tìm hỗ trợ ở đâu']
  ] as const) {
    await part.getByTestId(`slides-${language}`).click()
    await part.getByTestId(`slides-${language}`).press('Control+End')
    await part.getByTestId(`slides-${language}`).pressSequentially(`\n---\n\n# ${title}\n`)
  }
  await part
    .getByTestId('image-input')
    .setInputFiles({ name: 'Bản đồ.png', mimeType: 'image/png', buffer: samplePng() })
  const imageForm = part.getByTestId('image-form')
  await expect(imageForm).toHaveAccessibleName('Thêm ảnh…')
  await expect(imageForm.getByRole('img')).toBeVisible()
  await imageForm.locator('input').nth(0).fill('Bản đồ các điểm hỗ trợ')
  await imageForm.locator('input').nth(1).fill('Map of support points')
  await screenshotsBothWays(trainer, 'editor-image-form', imageForm)
  await imageForm.getByRole('button', { name: 'Chèn ảnh' }).click()
  await expect(part.getByTestId('slides-vi')).toHaveValue(/!\[Bản đồ các điểm hỗ trợ\]\(images\/ban-do\.png\)/)
  await expect(part.getByTestId('slides-en')).toHaveValue(/!\[Map of support points\]\(images\/ban-do\.png\)/)
  for (const language of ['vi', 'en']) {
    const image = part.getByTestId(`slide-previews-${language}`).locator('img.slide-image')
    await expect(image).toBeVisible()
    expect(await image.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(160)
  }
  // A citation from the sources goes in at the cursor of both languages.
  await part
    .locator('.slides-tools')
    .getByRole('button', { name: /^Chèn \[@/ })
    .click()
  await expect(part.getByTestId('slides-vi')).toHaveValue(/\[@ecpat-2019#1\]/)
  await expect(part.getByTestId('slides-en')).toHaveValue(/\[@ecpat-2019#1\]/)
  // The part's facilitator notes have their own picker: another source and paragraph, in both languages.
  const notes = field('Ghi chú cho người điều phối')
  await notes.getByLabel('Nguồn trích dẫn').selectOption('interpol-2023')
  await notes.getByLabel('Đoạn').fill('3')
  await notes.getByRole('button', { name: 'Chèn [@interpol-2023#3]' }).click()
  await expect(notes.locator('textarea').nth(0)).toHaveValue(/\[@interpol-2023#3\]$/)
  await expect(notes.locator('textarea').nth(1)).toHaveValue(/\[@interpol-2023#3\]$/)
  await expect(trainer.getByText('Hội thảo hợp lệ, có thể dùng ngay')).toBeVisible({ timeout: 10_000 })
  await screenshotsBothWays(trainer, 'editor-image', part.getByTestId('slide-previews-vi').locator('img.slide-image'))

  // Share: export to one file, remove the workshop, import the file again.
  await trainer.getByRole('button', { name: '← Hội thảo' }).click()
  await expect(trainer.getByText(/Bản sao từ “parents-teachers-online-safety”/)).toBeVisible()
  const [download] = await Promise.all([
    trainer.waitForEvent('download'),
    trainer.getByRole('button', { name: 'Xuất ra tệp để chia sẻ' }).click()
  ])
  const file = testInfo.outputPath(download.suggestedFilename())
  await download.saveAs(file)
  expect(download.suggestedFilename()).toMatch(/^parents-teachers-online-safety-copy-1\.0\.0\.roundtable$/)
  await trainer.getByRole('button', { name: 'Gỡ khỏi thư viện' }).click()
  await expect(trainer.locator('.card')).toHaveCount(3)
  await trainer.getByTestId('import-input').setInputFiles(file)
  // The preview says what will be added before anything is written.
  const preview = trainer.getByTestId('import-preview')
  await expect(preview).toContainText('parents-teachers-online-safety-copy · 1.0.0')
  await expect(preview).toContainText('ban-do.png')
  await expect(trainer.getByTestId('import-relation')).toHaveText('Hội thảo mới: chưa có trong thư viện.')
  await expect(trainer.locator('.card')).toHaveCount(3)
  await screenshotsBothWays(trainer, 'import-preview', preview)
  await preview.getByRole('button', { name: 'Nhập', exact: true }).click()
  await expect(trainer.getByText('Đã nhập “parents-teachers-online-safety-copy” phiên bản 1.0.0.')).toBeVisible()
  await expect(trainer.locator('.card')).toHaveCount(4)

  // A trainer runs it: the agenda is the edited one.
  const copy = trainer.locator('.card', { hasText: 'Của bạn' })
  await copy.getByRole('button', { name: 'Xem' }).click()
  // The image came back with the file, and shows in the workshop's slides.
  await trainer.locator('.agenda summary', { hasText: before[0]! }).click()
  const imported = trainer.locator('img.slide-image').first()
  await expect(imported).toBeVisible()
  await expect(imported).toHaveAttribute('alt', 'Bản đồ các điểm hỗ trợ')
  expect(await imported.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(160)
  await trainer.getByRole('button', { name: 'Bắt đầu buổi tập huấn' }).click()
  await trainer.getByRole('button', { name: 'Bắt đầu', exact: true }).click()
  await expect(trainer.getByTestId('presenter')).toBeVisible()
  const strip = await trainer.locator('.agenda-strip .strip-title').allInnerTexts()
  expect(strip.slice(0, 2)).toEqual([before[1], before[0]])
  expect(strip).toContain('Thăm dò nhanh')
  // Further on, the slide with the image is shown from the session's own snapshot of the workshop.
  const current = trainer.getByRole('region', { name: 'Đang chiếu' })
  const slideImage = current.locator('img.slide-image')
  for (let i = 0; i < 30 && !(await slideImage.isVisible()); i++) {
    const shown = await current.innerHTML()
    await trainer.keyboard.press('ArrowRight')
    await expect(current).not.toHaveJSProperty('innerHTML', shown) // the next slide is on screen
  }
  await expect(slideImage).toHaveAttribute('alt', 'Bản đồ các điểm hỗ trợ')
  expect(await slideImage.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(160)
  await trainer.screenshot({ path: `${screens}/presenter-image-vi-1280x720.png` })
  // The projector shows it too (the audience window gets the slide with its image from the core).
  const [audience] = await Promise.all([
    trainer.context().waitForEvent('page'),
    trainer.getByRole('button', { name: 'Mở màn hình khán giả' }).click()
  ])
  const projected = audience.locator('img.slide-image')
  await expect(projected).toBeVisible()
  expect(await projected.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(160)
  await audience.screenshot({ path: `${screens}/audience-image-1280x720.png` })
})

for (const title of ['Giữ an toàn cho trẻ', 'Cộng đồng cùng hành động', 'Tóm tắt hai hội nghị']) {
  test(`the slide preview is the projector scaled down: no slide of “${title}” is cut off, and one that would be is flagged`, async ({
    trainer
  }) => {
    await trainer.locator('.card', { hasText: title }).getByRole('button', { name: 'Xem' }).click()
    await trainer.getByRole('button', { name: 'Tạo bản sao để chỉnh sửa' }).click()
    await expect(trainer.getByTestId('editor')).toBeVisible()
    const rows = trainer.getByTestId('builder-row')
    const slideParts: number[] = []
    for (let i = 0; i < (await rows.count()); i++) {
      await rows.nth(i).locator('.row-select').click()
      if ((await trainer.getByTestId('slide-previews-vi').count()) === 0) continue
      slideParts.push(i)
      await expect(trainer.getByTestId('slide-previews-vi').locator('.slide-projected').first()).toBeVisible()
      await trainer.evaluate(() => new Promise(requestAnimationFrame))
      const cut = await trainer
        .locator('.slide-projected')
        .evaluateAll((slides) =>
          slides.filter((s) => s.scrollHeight > s.clientHeight + 1).map((s) => s.textContent?.slice(0, 60))
        )
      expect(cut, `part ${i + 1}: slides cut off on the projector`).toEqual([])
      await expect(trainer.getByTestId('slides-overflow-vi')).toHaveCount(0)
    }
    expect(slideParts.length).toBeGreaterThan(0)
    await rows.nth(slideParts[0]!).locator('.row-select').click()
    const slides = trainer.getByTestId('slides-vi')
    await slides.click()
    await slides.press('Control+End')
    await slides.pressSequentially(
      '\n---\n\n# Quá dài\n' + Array.from({ length: 14 }, (_, n) => `- Dòng ${n + 1}`).join('\n')
    )
    await expect(trainer.getByTestId('slides-overflow-vi')).toContainText('dài quá màn chiếu')
    await expect(trainer.locator('.slide-previews li.overflowing')).toHaveCount(1)
    await trainer.getByTestId('slides-overflow-vi').scrollIntoViewIfNeeded()
    await trainer.screenshot({ path: `${screens}/editor-slide-overflow-vi-1280x720.png` })
  })
}

test('a workshop file that is not a package is refused with a clear message and changes nothing', async ({
  trainer
}, testInfo) => {
  const file = testInfo.outputPath('not-a-workshop.roundtable')
  const { writeFile } = await import('node:fs/promises')
  await writeFile(file, 'this is not a zip file')
  await trainer.getByTestId('import-input').setInputFiles(file)
  await expect(trainer.getByRole('alert')).toContainText('Không nhập tệp not-a-workshop.roundtable')
  await expect(trainer.getByRole('alert')).toContainText('không phải tệp gói hội thảo hợp lệ')
  await expect(trainer.locator('.card')).toHaveCount(3)
})

test('a workshop file dropped on the library is previewed, a newer version replaces the old one only when confirmed, and a broken one is refused', async ({
  trainer
}) => {
  const { brokenPackages, samplePackage } = await import('../electron/testing/sample-package')
  const yazl = await import('yazl')
  const zipOf = async (files: Record<string, string | Buffer>): Promise<number[]> => {
    const zip = new yazl.ZipFile()
    for (const [name, data] of Object.entries(files)) zip.addBuffer(Buffer.from(data), name)
    zip.end()
    const chunks: Buffer[] = []
    for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer)
    return [...Buffer.concat(chunks)]
  }
  /** Drops a file on the import panel the way a file manager does: a real DataTransfer built in the page. */
  const drop = async (name: string, bytes: number[]): Promise<void> => {
    const transfer = await trainer.evaluateHandle(
      ({ name, bytes }) => {
        const data = new DataTransfer()
        data.items.add(new File([new Uint8Array(bytes)], name, { type: 'application/zip' }))
        return data
      },
      { name, bytes }
    )
    await trainer.getByTestId('import-drop').dispatchEvent('dragover', { dataTransfer: transfer })
    await trainer.getByTestId('import-drop').dispatchEvent('drop', { dataTransfer: transfer })
  }
  const withImage = samplePackage('dropped-workshop')
  withImage['slides/intro.vi.md'] = withImage['slides/intro.vi.md']!.replace(
    '# Xin chào\n',
    '# Xin chào\n\n![Bản đồ](images/map.png)\n'
  )
  withImage['slides/intro.en.md'] = withImage['slides/intro.en.md']!.replace(
    '# Hello\n',
    '# Hello\n\n![Map](images/map.png)\n'
  )

  await drop('dropped-workshop-1.0.0.roundtable', await zipOf({ ...withImage, 'images/map.png': samplePng() }))
  const preview = trainer.getByTestId('import-preview')
  await expect(preview).toContainText('Hội thảo mẫu')
  await expect(preview).toContainText('Sample workshop')
  await expect(preview).toContainText('1 × Trình chiếu, 2 × Kiểm tra, 1 × Thảo luận')
  await expect(preview).toContainText('60 phút')
  await expect(preview).toContainText('map.png')
  await preview.getByRole('button', { name: 'Nhập', exact: true }).click()
  await expect(trainer.locator('.card')).toHaveCount(4)

  // Version 1.1.0 of the same workshop: the preview says it replaces 1.0.0, which is kept; cancelling changes nothing.
  const newer = {
    ...withImage,
    'workshop.yaml': withImage['workshop.yaml']!.replace('version: 1.0.0', 'version: 1.1.0')
  }
  await drop('dropped-workshop-1.1.0.roundtable', await zipOf({ ...newer, 'images/map.png': samplePng() }))
  await expect(trainer.getByTestId('import-relation')).toContainText('Phiên bản mới hơn bản đang có (1.0.0 → 1.1.0)')
  await trainer.screenshot({ path: `${screens}/import-preview-newer-vi-1280x720.png` })
  await trainer.getByTestId('import-preview').getByRole('button', { name: 'Huỷ' }).click()
  await expect(trainer.getByTestId('import-preview')).toHaveCount(0)
  await drop('dropped-workshop-1.1.0.roundtable', await zipOf({ ...newer, 'images/map.png': samplePng() }))
  await trainer.getByTestId('import-preview').getByRole('button', { name: 'Thay thế' }).click()
  await expect(trainer.getByRole('status')).toContainText('phiên bản 1.0.0 được giữ lại')
  await expect(trainer.locator('.card')).toHaveCount(4)

  // A broken package and an SVG passed off as a PNG are refused with the loader's reasons; nothing is added.
  const broken = brokenPackages().find((b) => b.name === 'script-in-markdown')!
  await drop('broken.roundtable', await zipOf(broken.files))
  await expect(trainer.getByRole('alert')).toContainText('Không nhập tệp broken.roundtable')
  await expect(trainer.getByRole('alert')).toContainText('HTML thô')
  const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
  await drop('svg.roundtable', await zipOf({ ...samplePackage('svg-workshop'), 'images/logo.png': svg }))
  await expect(trainer.getByRole('alert')).toContainText('không phải ảnh PNG, JPEG, WebP hoặc GIF')
  await trainer.screenshot({ path: `${screens}/import-refused-svg-vi-1280x720.png` })
  await expect(trainer.getByTestId('import-preview')).toHaveCount(0)
  await expect(trainer.locator('.card')).toHaveCount(4)
})

test('the facilitator guide and the sign-in sheet open for printing, and print to A4 PDF', async ({
  trainer,
  browser
}, testInfo) => {
  await trainer.locator('.card', { hasText: 'Tóm tắt hai hội nghị' }).getByRole('button', { name: 'Xem' }).click()
  const [guide] = await Promise.all([
    trainer.context().waitForEvent('page'),
    trainer.getByRole('button', { name: 'Hướng dẫn điều phối (in / PDF)' }).click()
  ])
  await guide.waitForLoadState()
  await expect(guide.locator('h1').first()).toContainText('Tóm tắt hai hội nghị')
  await expect(guide.getByText('Cần kiểm tra tại địa phương').first()).toBeVisible()
  // The same document as a PDF, A4 (headless Chromium prints it exactly as the desktop app does).
  const html = await guide.content()
  const printer = await browser.newPage()
  await printer.setContent(html)
  const pdf = await printer.pdf({
    path: testInfo.outputPath('guide.pdf'),
    preferCSSPageSize: true,
    printBackground: true
  })
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
  expect(pdf.length).toBeGreaterThan(20_000)
  await printer.close()

  const [sheet] = await Promise.all([
    trainer.context().waitForEvent('page'),
    trainer.getByRole('button', { name: 'Phiếu điểm danh (in / PDF)' }).click()
  ])
  await sheet.waitForLoadState()
  await expect(sheet.locator('tbody tr')).toHaveCount(30) // 30 numbered lines
})

test('the printed guide shows a slide image from the package, captioned with its alt text and at most 6 cm high', async ({
  host,
  trainer,
  browser
}, testInfo) => {
  const { samplePackage } = await import('../electron/testing/sample-package')
  const yazl = await import('yazl')
  const files: Record<string, string | Buffer> = { ...samplePackage('image-workshop'), 'images/map.png': samplePng() }
  files['slides/intro.vi.md'] = (files['slides/intro.vi.md'] as string).replace(
    '# Trang hai',
    '# Trang hai\n\n![Bản đồ điểm hỗ trợ](images/map.png)'
  )
  files['slides/intro.en.md'] = (files['slides/intro.en.md'] as string).replace(
    '# Slide two',
    '# Slide two\n\n![Map of help points](images/map.png)'
  )
  const zip = new yazl.ZipFile()
  for (const [name, data] of Object.entries(files)) zip.addBuffer(Buffer.from(data), name)
  zip.end()
  const chunks: Buffer[] = []
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer)
  const imported = (await host.call('workshop.import', {
    fileName: 'image-workshop.roundtable',
    base64: Buffer.concat(chunks).toString('base64')
  })) as { status: string }
  expect(imported.status).toBe('imported')
  await trainer.reload()

  const texts = {
    vi: {
      switch: 'Tiếng Việt',
      title: 'Hội thảo mẫu',
      open: 'Xem',
      guide: 'Hướng dẫn điều phối (in / PDF)',
      back: '← Thư viện',
      caption: 'Bản đồ điểm hỗ trợ'
    },
    en: {
      switch: 'English',
      title: 'Sample workshop',
      open: 'Open',
      guide: 'Facilitator guide (print / PDF)',
      back: '← Library',
      caption: 'Map of help points'
    }
  }
  for (const language of ['vi', 'en'] as const) {
    const t = texts[language]
    await trainer.getByRole('button', { name: t.switch }).click()
    await trainer.locator('.card', { hasText: t.title }).getByRole('button', { name: t.open }).click()
    const [guide] = await Promise.all([
      trainer.context().waitForEvent('page'),
      trainer.getByRole('button', { name: t.guide }).click()
    ])
    await guide.waitForLoadState()
    const figure = guide.locator('.guide-figure')
    await expect(figure).toHaveCount(1)
    await expect(figure.locator('.guide-caption')).toHaveText(t.caption)
    // Loaded (the document's CSP allows its data: images) and no taller than 6 cm (≈ 227 CSS px).
    const image = figure.locator('img')
    await expect.poll(() => image.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(160)
    expect((await image.boundingBox())!.height).toBeLessThanOrEqual(227)
    const printer = await browser.newPage()
    await printer.setContent(await guide.content())
    await printer.pdf({
      path: testInfo.outputPath(`guide-with-image-${language}.pdf`),
      preferCSSPageSize: true,
      printBackground: true
    })
    await printer.close()
    await guide.close()
    await trainer.getByRole('button', { name: t.back }).click()
  }
})
