import { describe, expect, it } from 'vitest'
import type { RemoteState } from '../../core/phones/remote-state'
import { pairPage, remotePage, remotePanel } from './remote-pages'

const state = (changes: Partial<RemoteState> = {}): RemoteState => ({
  language: 'vi',
  workshop: 'Hội thảo <img src=x onerror=alert(1)>',
  status: 'running',
  current: { kind: 'slides', title: 'Mở đầu <script>alert(1)</script>', slide: { n: 1, of: 3 } },
  next: { title: 'Tiếp "theo" & sau', slide: null },
  blockNotes: 'Ghi chú <b>không</b> phải HTML',
  notesHtml: '<p>Ghi chú <strong>đã làm sạch</strong></p>',
  timer: null,
  blank: null,
  poll: null,
  ...changes
})

describe("the remote's pages", () => {
  it('escape every workshop text, and keep the sanitised speaker notes as HTML', () => {
    const html = remotePanel(state(), 'TOKEN_TOKEN_TOKEN_TOKE')
    expect(html).not.toContain('<script>')
    expect(html).not.toContain('<img')
    expect(html).toContain('Mở đầu &lt;script&gt;')
    expect(html).toContain('Tiếp &quot;theo&quot; &amp; sau')
    expect(html).toContain('Ghi chú &lt;b&gt;không&lt;/b&gt;')
    expect(html).toContain('<p>Ghi chú <strong>đã làm sạch</strong></p>')
    expect(html).toContain('value="TOKEN_TOKEN_TOKEN_TOKE"')
  })

  it('offer only the buttons that apply: the timer and the poll when the block has them', () => {
    const plain = remotePanel(state(), 't')
    expect(plain).not.toContain('timer')
    expect(plain).not.toContain('poll')
    const busy = remotePanel(
      state({ timer: { remainingMs: 65_000, running: true }, poll: 'open', blank: 'black' }),
      't'
    )
    expect(busy).toContain('1:05')
    expect(busy).toContain('&quot;action&quot;:&quot;stop&quot;')
    expect(busy).toContain('&quot;type&quot;:&quot;poll&quot;,&quot;action&quot;:&quot;close&quot;')
    expect(busy).toContain('&quot;mode&quot;:null') // the projector is blank: the button shows it again
    expect(busy).toContain('Màn chiếu đang tắt.')
  })

  it('speak the chosen language, with a switch to the other', () => {
    const english = remotePage(state({ language: 'en' }), 't')
    expect(english).toContain('<html lang="en">')
    expect(english).toContain('Next ▶')
    expect(english).toContain('href="/r/l/vi"')
    expect(pairPage('vi', 'pair.refused')).toContain('đã được dùng hoặc đã hết hạn')
    expect(pairPage('en', null)).toContain('Pair this phone as a remote')
  })
})
