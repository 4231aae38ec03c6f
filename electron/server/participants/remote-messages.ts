import { defineCatalogue, type MessageParams } from '../../shared/i18n/catalogue'
import type { Language } from '../../shared/i18n/language'

/**
 * Every text of the trainer's phone remote (`/r`). Vietnamese first; English has exactly the same keys.
 * Apart from the participants' catalogue, so the participant page never ships a trainer text.
 */
export const vi = {
  'app.name': 'Bàn Tròn · Điều khiển',
  'lang.other': 'English',
  'pair.heading': 'Ghép điện thoại điều khiển',
  'pair.intro': 'Nhập mã 6 chữ số đang hiện trên màn hình của tập huấn viên (không phải màn chiếu).',
  'pair.code': 'Mã ghép',
  'pair.submit': 'Ghép',
  'pair.refused': 'Mã ghép không đúng, đã được dùng hoặc đã hết hạn. Hãy tạo mã mới trên màn hình của tập huấn viên.',
  'pair.tooMany': 'Thử sai quá nhiều lần. Hãy đợi một chút rồi thử lại.',
  now: 'Đang chiếu',
  next: 'Tiếp theo',
  end: 'Hết chương trình',
  slide: 'trang {n}/{of}',
  notes: 'Ghi chú',
  noNotes: 'Không có ghi chú.',
  timer: 'Đồng hồ',
  previous: '◀ Trước',
  nextButton: 'Tiếp ▶',
  blank: 'Tắt màn chiếu',
  unblank: 'Hiện lại màn chiếu',
  timerStart: 'Chạy đồng hồ',
  timerStop: 'Dừng đồng hồ',
  pollOpen: 'Mở câu hỏi',
  pollClose: 'Đóng câu hỏi',
  blanked: 'Màn chiếu đang tắt.',
  paused: 'Buổi học đang tạm dừng.',
  refused: 'Không thực hiện được lệnh này lúc này.',
  tooMany: 'Bạn bấm quá nhanh. Hãy đợi một chút.',
  refresh: 'Tải lại'
} as const

export type RemoteMessageKey = keyof typeof vi

export const en: Record<RemoteMessageKey, string> = {
  'app.name': 'Roundtable · Remote',
  'lang.other': 'Tiếng Việt',
  'pair.heading': 'Pair this phone as a remote',
  'pair.intro': "Type the 6-digit code shown on the trainer's screen (not the projector).",
  'pair.code': 'Pairing code',
  'pair.submit': 'Pair',
  'pair.refused': "This pairing code is wrong, already used or expired. Make a new one on the trainer's screen.",
  'pair.tooMany': 'Too many wrong tries. Wait a moment and try again.',
  now: 'Now',
  next: 'Next',
  end: 'End of the agenda',
  slide: 'slide {n}/{of}',
  notes: 'Notes',
  noNotes: 'No notes.',
  timer: 'Timer',
  previous: '◀ Previous',
  nextButton: 'Next ▶',
  blank: 'Blank the projector',
  unblank: 'Show the projector again',
  timerStart: 'Start the timer',
  timerStop: 'Stop the timer',
  pollOpen: 'Open the poll',
  pollClose: 'Close the poll',
  blanked: 'The projector is blanked.',
  paused: 'The session is paused.',
  refused: 'That could not be done right now.',
  tooMany: 'Too fast. Wait a moment.',
  refresh: 'Refresh'
}

export const remoteMessages = defineCatalogue({ vi, en })

export function remoteText(language: Language, key: RemoteMessageKey, params: MessageParams = {}): string {
  return remoteMessages.text(language, key, params)
}
