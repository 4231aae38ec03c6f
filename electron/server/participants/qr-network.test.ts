import { describe, expect, it } from 'vitest'
import { listInterfaces } from './network'
import { qrSvg } from './qr'
import { RateLimiter } from './rate-limit'

describe('qrSvg', () => {
  it('draws a square SVG with a white quiet zone', () => {
    const svg = qrSvg('http://192.168.1.10:8080/j/1234')
    const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1])
    // Version 2 or 3 at level M for a URL this long: 25 or 29 modules, plus 4 each side.
    expect([33, 37]).toContain(size)
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/)
    expect(svg).toContain(`<rect width="${size}" height="${size}" fill="#fff"/>`)
    // Nothing is drawn in the quiet zone: every module starts at 4 or later and ends before size - 4.
    for (const [, x, y] of svg.matchAll(/M(\d+) (\d+)h1/g)) {
      expect(Number(x)).toBeGreaterThanOrEqual(4)
      expect(Number(y)).toBeGreaterThanOrEqual(4)
      expect(Number(x)).toBeLessThan(size - 4)
      expect(Number(y)).toBeLessThan(size - 4)
    }
    // The top-left finder pattern: a dark 7×7 ring starting at the quiet zone.
    expect(svg).toContain('M4 4h1v1h-1z')
    expect(svg).toContain('M10 10h1v1h-1z')
    expect(qrSvg('http://192.168.1.10:8080/j/1234')).toBe(svg)
    expect(qrSvg('"><script>')).not.toContain('<script>')
  })
})

describe('listInterfaces', () => {
  it('lists IPv4 addresses with loopback last', () => {
    const list = listInterfaces()
    expect(list.some((i) => i.address === '127.0.0.1' && i.internal)).toBe(true)
    for (const i of list) expect(i.address).toMatch(/^\d+\.\d+\.\d+\.\d+$/)
    const firstInternal = list.findIndex((i) => i.internal)
    expect(list.slice(firstInternal).every((i) => i.internal)).toBe(true)
  })
})

describe('RateLimiter', () => {
  it('allows a burst, refills over time and keeps memory bounded', () => {
    const limiter = new RateLimiter(5, 20, 100)
    const now = 1_000_000
    let allowed = 0
    for (let i = 0; i < 100; i++) if (limiter.take('a', now)) allowed++
    expect(allowed).toBe(20)
    expect(limiter.has('a', now)).toBe(false)
    expect(limiter.take('a', now + 1000)).toBe(true) // 5 tokens back after a second
    for (let i = 0; i < 10_000; i++) limiter.take(`key-${i}`, now)
    expect(limiter.size).toBe(100)
  })
})
