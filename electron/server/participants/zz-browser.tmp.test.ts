import { chromium } from '@playwright/test'
import { resolve } from 'node:path'
import { expect, it } from 'vitest'
import { recordAnswer } from '../../core/sessions/answers'
import { applyCommand, startBlockClock } from '../../core/sessions/commands'
import { emptyAttendance, type Session } from '../../core/sessions/model'
import { folderReader, loadWorkshop } from '../../core/workshops/loader'
import { startParticipantServer } from './participant-server'

it('works in Chromium with and without JS', async () => {
  const r = await loadWorkshop(folderReader(resolve(__dirname, '../../../workshops/conference-briefing')))
  if (!r.ok) throw new Error('x')
  const now = new Date()
  const session: Session = { id: '2025-01-01-abcdef12', createdAt: now.toISOString(), updatedAt: now.toISOString(), status: 'running',
    workshop: { id: 'x', version: '1.0.0' }, snapshot: { manifest: r.workshop.manifest, slides: {} },
    details: { venue: '', date: '2025-01-01', trainer: '', language: 'vi', plannedStart: '09:00' }, position: { block: 0, slide: 0 },
    blank: null, timeline: [], timer: null, polls: {}, attendance: emptyAttendance(), notes: [], parkingLot: [], closingRemarks: '' }
  startBlockClock(session, now)
  const idx = (id: string) => session.snapshot.manifest.blocks.findIndex((b) => b.id === id)
  const open = (id: string) => { applyCommand(session, { type: 'goto', block: idx(id), slide: 0 }, new Date()); applyCommand(session, { type: 'pollOpen', blockId: id, mode: 'phones' }, new Date()) }
  open('poll-closest-action')
  const server = await startParticipantServer({ address: '127.0.0.1', port: 0, gateway: {
    current: async () => ({ sessionId: session.id, session }), answer: async (_s, i) => recordAnswer(session, i, new Date()) } })
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' })
  try {
    for (const js of [false, true]) {
      const ctx = await browser.newContext({ javaScriptEnabled: js, viewport: { width: 360, height: 640 } })
      const page = await ctx.newPage()
      const errors: string[] = []
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()) })
      page.on('pageerror', (e) => errors.push(String(e)))
      page.on('response', async (res) => { if (res.url().includes('/answer')) console.log('RESP', res.status(), await res.text().catch(() => ''), JSON.stringify(await res.request().allHeaders())) })
      await page.goto(server.url)
      await page.fill('input[name=code]', server.code)
      await page.click('button')
      await page.waitForURL(/\/q$/)
      await page.click(`text=${js ? '(3)' : '(2)'}`)
      await page.click('button[type=submit]')
      if (js) await expect.poll(() => page.textContent('#s')).toContain('Đã lưu')
      else { await page.waitForURL(/saved=1/); expect(await page.content()).toContain('Đã lưu') }
      console.log(js, 'answers', Object.values(session.polls['poll-closest-action']!.answers).map((a) => a.values), 'errors', errors)
      const w = await page.evaluate(() => document.documentElement.scrollWidth)
      console.log('scrollWidth', w)
      if (js) {
        // Trainer moves on: the page reloads itself to the next question.
        open('feedback')
        await page.waitForSelector('input[name=feedback]', { timeout: 8000 })
        console.log('reloaded to rating', page.url())
        await page.screenshot({ path: '/tmp/phone-rating.png' })
        open('pre-quiz')
        await page.waitForSelector('input[name=pn]', { timeout: 8000 })
        await page.screenshot({ path: '/tmp/phone-quiz.png', fullPage: true })
      }
      await ctx.close()
    }
  } finally {
    await browser.close()
    await server.close()
  }
})
