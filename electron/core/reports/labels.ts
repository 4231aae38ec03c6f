import { defineCatalogue, type Message, type MessageParams } from '../../shared/i18n/catalogue'
import type { Language } from '../../shared/i18n/language'
import { summaryLabels, type SummaryLabelKey } from '../summaries/labels'

/**
 * Words of the cross-session report in Vietnamese and English. Words it shares with the session
 * summary (sex, age groups, field names, units) come from the summary's labels, so both read alike.
 * Placeholders are written {name}; an English text with a number may have `one`/`other` forms.
 * English must have exactly the same keys (the type checks it).
 */
const vi = {
  'report.title': 'Báo cáo tổng hợp các buổi tập huấn',
  'report.scope': 'Phạm vi báo cáo',
  'report.allWorkshops': 'Tất cả hội thảo',
  'report.from': 'Từ ngày',
  'report.to': 'Đến ngày',
  'report.anyDate': 'Không giới hạn',
  'report.sources': 'Nguồn số liệu',
  'report.sourcesText': '{local} buổi chạy trên máy này, {imported} buổi từ báo cáo đã nhập',
  'report.source': 'Nguồn',
  'report.source.local': 'Máy này',
  'report.source.imported': 'Đã nhập',

  'section.sessions': 'Các buổi đã tổ chức',
  'section.workshops': 'Theo hội thảo',
  'section.learning': 'Kết quả học tập',
  'section.definitions': 'Cách tính',
  'section.privacy': 'Bảo vệ thông tin cá nhân',

  'total.sessions': 'Số buổi đã tổ chức',
  'total.participants': 'Tổng số người tham dự',
  'total.minutes': 'Tổng thời gian thực tế',
  'total.participantHours': 'Tổng số giờ-người',
  'total.meanChange': 'Mức thay đổi điểm trung bình',
  'total.meanChangeText': '{points} (trung bình của {sessions} buổi có cả kiểm tra đầu vào và đầu ra)',
  'total.masteredPre': 'Đạt yêu cầu đầu vào (gộp)',
  'total.masteredPost': 'Đạt yêu cầu đầu ra (gộp)',
  'total.masteredText': '{percent} ({passed}/{tested} người)',
  'total.masteredChange': 'Thay đổi tỉ lệ đạt yêu cầu',
  'total.matchedGain': 'Điểm tăng ghép cặp (gộp)',
  'total.matchedGainText': '{points} ({pairs} cặp)',

  'column.date': 'Ngày',
  'column.participants': 'Người tham dự',
  'column.minutes': 'Thời gian thực tế (phút)',
  'column.preMean': 'Điểm TB đầu vào (%)',
  'column.postMean': 'Điểm TB đầu ra (%)',
  'column.change': 'Thay đổi (điểm %)',
  'column.sessions': 'Số buổi',
  'column.sessionsWithChange': 'Số buổi có cả hai bài kiểm tra',
  'column.meanChange': 'Thay đổi trung bình (điểm %)',
  'column.preMastered': 'Đạt yêu cầu đầu vào (%)',
  'column.postMastered': 'Đạt yêu cầu đầu ra (%)',
  'column.preTested': 'Số người làm bài đầu vào',
  'column.prePassed': 'Số người đạt đầu vào',
  'column.postTested': 'Số người làm bài đầu ra',
  'column.postPassed': 'Số người đạt đầu ra',
  'column.pairs': 'Số cặp ghép',
  'column.matchedGain': 'Điểm tăng ghép cặp (điểm %)',

  'none.sessions': 'Không có buổi tập huấn nào trong phạm vi này.',

  'define.sessions':
    'Mỗi buổi chỉ được tính một lần: nếu một báo cáo đã nhập trùng mã với buổi chạy trên máy này, số liệu trên máy này được dùng.',
  'define.meanChange':
    'Mức thay đổi điểm trung bình = trung bình cộng, qua các buổi có cả hai bài, của (điểm trung bình đầu ra − điểm trung bình đầu vào), tính bằng điểm phần trăm.',
  'define.mastered':
    'Đạt yêu cầu (gộp) = tổng số người đạt ÷ tổng số người có điểm cá nhân × 100, qua các buổi có điểm cá nhân (mỗi buổi có trọng số theo số người làm bài). Không tính các bài đếm giơ tay.',
  'define.matchedGain':
    'Điểm tăng ghép cặp (gộp) = trung bình điểm tăng của tất cả người tham gia ghi cùng số ở cả hai bài, qua mọi buổi.',
  'define.participantHours': 'Số giờ-người = tổng của (số người tham dự × số giờ thực tế) của từng buổi.',
  'privacy.text':
    'Báo cáo chỉ có số liệu tổng hợp từ các báo cáo buổi tập huấn: không có tên, số tham gia hay thông tin nào giúp nhận ra người tham gia.'
} as const satisfies Record<string, string>

export type ReportOwnLabelKey = keyof typeof vi
export type ReportLabelKey = ReportOwnLabelKey | SummaryLabelKey

const en: Record<ReportOwnLabelKey, Message> = {
  'report.title': 'Report across sessions',
  'report.scope': 'Scope of the report',
  'report.allWorkshops': 'All workshops',
  'report.from': 'From',
  'report.to': 'To',
  'report.anyDate': 'Any date',
  'report.sources': 'Sources',
  'report.sourcesText': {
    by: 'local',
    one: '{local} session run on this computer, {imported} from imported summaries',
    other: '{local} sessions run on this computer, {imported} from imported summaries'
  },
  'report.source': 'Source',
  'report.source.local': 'This computer',
  'report.source.imported': 'Imported',

  'section.sessions': 'Sessions held',
  'section.workshops': 'By workshop',
  'section.learning': 'Learning',
  'section.definitions': 'How the figures are calculated',
  'section.privacy': 'Privacy',

  'total.sessions': 'Sessions held',
  'total.participants': 'Participants in total',
  'total.minutes': 'Actual time in total',
  'total.participantHours': 'Participant-hours',
  'total.meanChange': 'Mean change in mean score',
  'total.meanChangeText': {
    by: 'sessions',
    one: '{points} (mean of {sessions} session with both a pre-test and a post-test)',
    other: '{points} (mean of {sessions} sessions with both a pre-test and a post-test)'
  },
  'total.masteredPre': 'Mastered in the pre-test (pooled)',
  'total.masteredPost': 'Mastered in the post-test (pooled)',
  'total.masteredText': {
    by: 'tested',
    one: '{percent} ({passed}/{tested} person)',
    other: '{percent} ({passed}/{tested} people)'
  },
  'total.masteredChange': 'Change in mastered',
  'total.matchedGain': 'Matched gain (pooled)',
  'total.matchedGainText': { by: 'pairs', one: '{points} ({pairs} pair)', other: '{points} ({pairs} pairs)' },

  'column.date': 'Date',
  'column.participants': 'Participants',
  'column.minutes': 'Actual time (min)',
  'column.preMean': 'Pre-test mean (%)',
  'column.postMean': 'Post-test mean (%)',
  'column.change': 'Change (points)',
  'column.sessions': 'Sessions',
  'column.sessionsWithChange': 'Sessions with both tests',
  'column.meanChange': 'Mean change (points)',
  'column.preMastered': 'Mastered, pre-test (%)',
  'column.postMastered': 'Mastered, post-test (%)',
  'column.preTested': 'Tested, pre-test',
  'column.prePassed': 'Passed, pre-test',
  'column.postTested': 'Tested, post-test',
  'column.postPassed': 'Passed, post-test',
  'column.pairs': 'Matched pairs',
  'column.matchedGain': 'Matched gain (points)',

  'none.sessions': 'No sessions in this scope.',

  'define.sessions':
    'Each session counts once: when an imported summary has the same session id as a session run on this computer, this computer’s figures are used.',
  'define.meanChange':
    'Mean change in mean score = the mean, over the sessions with both tests, of (post-test mean score − pre-test mean score), in percentage points.',
  'define.mastered':
    'Mastered (pooled) = everyone who passed ÷ everyone scored individually × 100, over the sessions with individual scores (each session weighted by the people it tested). Tests run by show of hands are left out.',
  'define.matchedGain':
    'Matched gain (pooled) = the mean gain of every participant who gave the same number in both tests, over all sessions.',
  'define.participantHours': 'Participant-hours = the sum over sessions of (participants × actual hours).',
  'privacy.text':
    'This report holds only totals taken from session summaries: no names, participant numbers or anything else that identifies a participant.'
}

/** The report's own words, through the one catalogue helper. */
export const reportLabels = defineCatalogue({ vi, en })

/** A labeller for the report in one language: its own words first, then the session summary's. */
export function reportLabeller(language: Language): (key: ReportLabelKey, params?: MessageParams) => string {
  return (key, params = {}) =>
    reportLabels.has(key) ? reportLabels.text(language, key, params) : summaryLabels.text(language, key, params)
}
