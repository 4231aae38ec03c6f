import { mkdirSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { chromium } from '@playwright/test'
import { CARD_ANSWERS } from '../electron/shared/cards/card-questions'
import type { Session } from '../electron/shared/sessions/model'
import { chromiumLaunch } from './chromium'
import { motionJpeg, roomOfCards, SCENE_HEIGHT, SCENE_WIDTH, sceneHtml } from './card-scenes'
import { expect, test } from './fixtures'
import { openAudience, startSession } from './session-helpers'

// The fake webcam plays this file; it is made before the test's browser starts (see beforeAll).
const cameraFile = resolve('test-results/cards/fake-camera.mjpeg')
const screens = 'test-results/screens'

test.use({
  launchOptions: {
    executablePath: chromiumLaunch.executablePath,
    args: [
      ...chromiumLaunch.args,
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${cameraFile}`
    ]
  }
})

const room = roomOfCards(30)

test.beforeAll(async () => {
  // Three scenes of the same room (cards moved, turned a little, resized), each held for a second
  // at the fake camera's 30 frames per second, with two slightly different pictures per scene.
  const browser = await chromium.launch(chromiumLaunch)
  const page = await browser.newPage({ viewport: { width: SCENE_WIDTH, height: SCENE_HEIGHT } })
  const frames: Buffer[] = []
  for (const seed of [11, 12, 23, 24, 35, 36]) {
    await page.setContent(sceneHtml(room.cards, seed))
    const jpeg = await page.screenshot({ type: 'jpeg', quality: 85 })
    for (let i = 0; i < 15; i++) frames.push(jpeg)
  }
  await browser.close()
  mkdirSync(resolve('test-results/cards'), { recursive: true })
  writeFileSync(cameraFile, motionJpeg(frames))
})

test('answer cards held up to the webcam are recorded for the quiz, outlined on the presenter, counted, and only their numbers reach the projector', async ({
  trainer,
  context,
  host
}) => {
  test.setTimeout(120_000)
  await context.grantPermissions(['camera'])
  await startSession(trainer, 'Tóm tắt hai hội nghị')
  const audience = await openAudience(trainer)

  // The pre-test quiz, open for a show of hands; its first question has four options, A–D.
  await trainer.locator('.agenda-strip li[data-kind="quiz"] button').first().click()
  await trainer.getByRole('button', { name: /Mở bình chọn.*Đếm giơ tay/ }).click()
  await trainer.getByRole('button', { name: 'Thẻ trả lời (camera)' }).click()
  await expect(trainer.getByTestId('card-camera')).toBeVisible()
  await expect(trainer.getByTestId('cards-recorded')).toContainText('Đã ghi 30 thẻ', { timeout: 60_000 })
  await trainer.screenshot({ path: `${screens}/cards-presenter-vi-1280x720.png` })
  await audience.screenshot({ path: `${screens}/cards-audience-vi-1280x720.png` })

  // What was saved: exactly the thirty cards, each with the option of the side it was held up by.
  const [entry] = await host.call<{ id: string }[]>('session.list')
  const session = await host.call<Session>('session.get', { id: entry!.id })
  const quiz = session.snapshot.manifest.blocks.find((b) => b.kind === 'quiz')!
  if (quiz.kind !== 'quiz' || !quiz.questions) throw new Error('the first quiz has its own questions')
  const question = quiz.questions[0]!
  const sheets = session.polls[quiz.id]!.sheets
  const recorded = Object.fromEntries(Object.entries(sheets).map(([number, row]) => [number, [row.source, row.values]]))
  const expected = Object.fromEntries(
    [...room.expected].map(([number, answer]) => [
      String(number),
      ['card', { [question.id]: [question.options[CARD_ANSWERS.indexOf(answer)]!.id] }]
    ])
  )
  expect(recorded).toEqual(expected)
  // Cards still held up are not saved again and again: nothing changes while they stay as they are.
  await trainer.waitForTimeout(1000)
  const before = (await host.call<Session>('session.get', { id: entry!.id })).updatedAt
  await trainer.waitForTimeout(1500)
  expect((await host.call<Session>('session.get', { id: entry!.id })).updatedAt).toBe(before)

  // The presenter outlines the cards it sees; the quiz counts thirty respondents.
  const outlined = await trainer.getByTestId('card-outlines').evaluate((canvas: HTMLCanvasElement) => {
    const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data
    let drawn = 0
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) drawn++
    return { width: canvas.width, drawn }
  })
  expect(outlined.width).toBe(SCENE_WIDTH)
  expect(outlined.drawn).toBeGreaterThan(1000)
  await expect(trainer.locator('.poll-control')).toContainText('30 người trả lời')

  // The projector: which numbers were read, never what they answered.
  const numbers = Array.from({ length: 30 }, (_, i) => String(i + 1))
  await expect(audience.getByTestId('cards-read').locator('li')).toHaveText(numbers)
  await expect(audience.getByTestId('cards-read')).toContainText('Đã đọc thẻ của 30 người')

  // Turning the camera off, closing the quiz or leaving the block stops the video track (the webcam light goes off).
  const keepStream = (): Promise<void> =>
    trainer.evaluate(() => {
      const video = document.querySelector<HTMLVideoElement>('[data-testid="card-camera"] video')!
      ;(window as unknown as { cardStream: MediaStream }).cardStream = video.srcObject as MediaStream
    })
  const trackStates = (): Promise<string[]> =>
    trainer.evaluate(() =>
      (window as unknown as { cardStream: MediaStream }).cardStream.getVideoTracks().map((track) => track.readyState)
    )
  const cameraOn = async (): Promise<void> => {
    await trainer.getByRole('button', { name: 'Thẻ trả lời (camera)' }).click()
    await expect(trainer.locator('[data-testid="card-camera"] video')).toHaveJSProperty('readyState', 4)
    await keepStream()
    expect(await trackStates()).toEqual(['live'])
  }
  await keepStream()
  await trainer.getByRole('button', { name: 'Tắt camera thẻ' }).click()
  await expect(trainer.getByTestId('card-camera')).toHaveCount(0)
  expect(await trackStates()).toEqual(['ended'])

  await cameraOn()
  await trainer.getByRole('button', { name: 'Đóng bình chọn (O)' }).click()
  await expect(trainer.getByTestId('card-camera')).toHaveCount(0)
  expect(await trackStates()).toEqual(['ended'])
  // Reopened, the camera stays off until the trainer turns it on again.
  await trainer.getByRole('button', { name: /Mở lại.*Đếm giơ tay/ }).click()
  await expect(trainer.getByRole('button', { name: 'Thẻ trả lời (camera)' })).toBeVisible()
  await expect(trainer.getByTestId('card-camera')).toHaveCount(0)

  await cameraOn()
  // Leaving the block (the slide keys would page through the quiz's questions first).
  await trainer.locator('.agenda-strip li[data-kind="quiz"] + li button').first().click()
  await expect(trainer.getByTestId('card-camera')).toHaveCount(0)
  expect(await trackStates()).toEqual(['ended'])
})
