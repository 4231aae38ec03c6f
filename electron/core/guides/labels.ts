import type { AGE_GROUPS, SEXES } from '../../shared/sessions/model'
import type { AUDIENCE_GROUPS, BlockKind } from '../../shared/workshops/schema'
import { defineCatalogue, type Message, type MessageParams } from '../../shared/i18n/catalogue'

/**
 * Words of the printed documents (facilitator guide, sign-in sheet), Vietnamese first.
 * `GuideLabels` lists every key, so a label missing in one language is a compile error.
 * Labels are plain text: callers escape them like any other text they place in HTML.
 */
export type GuideLanguage = 'vi' | 'en'

type Sex = (typeof SEXES)[number]
type AgeGroup = (typeof AGE_GROUPS)[number]
type AudienceGroup = (typeof AUDIENCE_GROUPS)[number]
type PollType = 'single' | 'multiple' | 'rating' | 'open' | 'words' | 'ranking'
type QuizRole = 'pre' | 'post' | 'practice'

export interface GuideLabels {
  // The facilitator guide: cover and agenda
  guideTitle: string
  version: string
  audience: string
  totalDuration: string
  startsAt: string
  minutes: (count: number) => string
  summary: string
  contentNote: string
  contentNoteHint: string
  beforeSession: (verifyCount: number) => string
  objectives: string
  agenda: string
  agendaNumber: string
  agendaStart: string
  agendaEnd: string
  agendaMinutes: string
  agendaKind: string
  agendaPart: string
  agendaTotal: string
  blockKinds: Record<BlockKind, string>
  audienceGroups: Record<AudienceGroup, string>
  // Blocks
  part: (number: number) => string
  facilitatorNotes: string
  slide: (number: number, count: number) => string
  speakerNotes: string
  noSpeakerNotes: string
  discussionPrompt: string
  groupSize: (size: number) => string
  debrief: string
  pollQuestion: string
  pollTypes: Record<PollType, string>
  pollFeedback: string
  pollOpenHint: string
  pollWordsHint: string
  pollRankingOrder: string
  pollRankingPoints: (points: number) => string
  pollPlace: (place: number) => string
  pollDots: string
  pollScale: (min: number, max: number) => string
  pollOption: string
  tallyCount: string
  quizRoles: Record<QuizRole, string>
  passMark: (percent: number) => string
  answerKeyLegend: string
  quizTallyHint: string
  chooseAll: string
  question: (number: number) => string
  objective: (number: number) => string
  explanation: string
  reusesQuestions: (title: string) => string
  instructions: string
  materials: string
  // Closing sections
  safeguarding: string
  sources: string
  sourcesHint: string
  sourceId: string
  sourceTitle: string
  sourceDescription: string
  sourceCited: string
  sourceParagraphs: (count: number) => string
  cited: (count: number) => string
  verifyLocally: string
  verifyExplain: string
  verifyNone: string
  verifyMarker: (number: number) => string
  // Where a verify-locally item appears
  whereSummary: string
  whereAudience: string
  whereObjective: (number: number) => string
  whereSafeguarding: (number: number) => string
  pause: string
  pauseContacts: string
  wherePause: (number: number) => string
  whereContact: (number: number) => string
  whereSource: (id: string) => string
  whereBlock: (number: number, title: string) => string
  whereTitle: string
  whereSlide: (number: number) => string
  whereSlideNotes: (number: number) => string
  whereOption: (letter: string) => string
  whereScale: string
  // The sign-in sheet
  signInTitle: string
  venue: string
  date: string
  trainer: string
  participantNumberExplain: string
  namesNotRequired: string
  tickHint: string
  columnNumber: string
  columnSex: string
  columnAgeGroup: string
  columnSignature: string
  columnTotal: string
  afterSession: string
  sexes: Record<Sex, string>
  ageGroups: Record<AgeGroup, string>
  // Paper answer sheets and the room sheet
  answerSheetTitle: string
  participantNumber: string
  answerSheetHint: string
  chooseAllThatApply: string
  roomSheetTitle: string
  roomSheetHint: string
  questionShort: (number: number) => string
  pollColumn: string
  noPaperBlocks: string
  // Answer cards read by the webcam
  cardsTitle: string
  cardNumber: (number: number) => string
  cardHow: string
}

/**
 * The words of the printed documents as a catalogue (Vietnamese first, English must have the same keys):
 * a plain label is its field's name, a word of a group is `group.item` ("sexes.female"), and a label
 * with values has {placeholders} named in GUIDE_PARAMETERS.
 */
type Labelled<T> = {
  [K in keyof T & string]: T[K] extends string | ((...args: never[]) => string) ? K : `${K}.${keyof T[K] & string}`
}[keyof T & string]
type GuideMessageKey = Labelled<GuideLabels> | 'beforeSessionNothingToVerify'
type GuideFunctionKey = {
  [K in keyof GuideLabels]: GuideLabels[K] extends (...args: never[]) => string ? K : never
}[keyof GuideLabels]

const vi = {
  guideTitle: 'Tài liệu hướng dẫn cho người điều phối',
  version: 'Phiên bản',
  audience: 'Đối tượng',
  totalDuration: 'Tổng thời lượng',
  startsAt: 'Bắt đầu lúc',
  minutes: '{count} phút',
  summary: 'Tóm tắt',
  contentNote: 'Lưu ý về nội dung',
  contentNoteHint: 'Đọc to cho cả phòng nghe trước khi bắt đầu.',
  beforeSession:
    'Trước buổi tập huấn: đọc kỹ phần lưu ý bảo vệ trẻ em và kiểm tra {count} thông tin đánh dấu ⚠ (danh sách ở cuối tài liệu).',
  beforeSessionNothingToVerify: 'Trước buổi tập huấn: đọc kỹ phần lưu ý bảo vệ trẻ em ở cuối tài liệu.',
  objectives: 'Mục tiêu học tập',
  agenda: 'Chương trình',
  agendaNumber: 'Phần',
  agendaStart: 'Bắt đầu',
  agendaEnd: 'Kết thúc',
  agendaMinutes: 'Số phút',
  agendaKind: 'Hình thức',
  agendaPart: 'Nội dung',
  agendaTotal: 'Tổng cộng',
  'blockKinds.slides': 'Trình chiếu',
  'blockKinds.discussion': 'Thảo luận',
  'blockKinds.poll': 'Bình chọn',
  'blockKinds.quiz': 'Kiểm tra',
  'blockKinds.activity': 'Hoạt động',
  'blockKinds.break': 'Giải lao',
  'audienceGroups.parents': 'Cha mẹ',
  'audienceGroups.caregivers': 'Người chăm sóc trẻ',
  'audienceGroups.teachers': 'Giáo viên',
  'audienceGroups.community': 'Cộng đồng',
  'audienceGroups.ngo-staff': 'Cán bộ tổ chức phi chính phủ',
  'audienceGroups.officials': 'Cán bộ địa phương',
  'audienceGroups.adolescents': 'Trẻ vị thành niên',
  part: 'Phần {number}',
  facilitatorNotes: 'Ghi chú cho người điều phối',
  slide: 'Trang chiếu {number}/{count}',
  speakerNotes: 'Ghi chú thuyết trình',
  noSpeakerNotes: '(không có ghi chú)',
  discussionPrompt: 'Câu hỏi thảo luận (đọc hoặc chiếu cho cả phòng)',
  groupSize: 'Chia nhóm {size} người',
  debrief: 'Câu hỏi tổng kết',
  pollQuestion: 'Câu hỏi bình chọn',
  'pollTypes.single': 'Chọn một đáp án',
  'pollTypes.multiple': 'Chọn nhiều đáp án',
  'pollTypes.rating': 'Thang điểm',
  'pollTypes.open': 'Câu trả lời mở',
  'pollTypes.words': 'Đám mây từ',
  'pollTypes.ranking': 'Xếp hạng',
  pollFeedback: 'Phiếu phản hồi của người tham gia (ẩn danh)',
  pollOpenHint: 'Câu trả lời chỉ hiện lên màn chiếu sau khi anh chị đã duyệt.',
  pollScale: 'Thang điểm từ {min} đến {max}',
  pollWordsHint:
    'Mỗi người gửi một từ hoặc cụm từ ngắn bằng điện thoại; cụm từ được giữ nguyên, không tách theo khoảng trắng. Từ chỉ hiện lên màn chiếu sau khi anh chị đã duyệt.',
  pollRankingOrder:
    'Mỗi người xếp tất cả lựa chọn từ 1 (quan trọng nhất). Đếm tay: với mỗi lựa chọn, ghi số người xếp nó ở từng vị trí.',
  pollRankingPoints:
    'Mỗi người chia {points} điểm cho các lựa chọn. Đếm tay: mỗi người dán {points} chấm; ghi tổng số chấm của từng lựa chọn.',
  pollPlace: 'Hạng {place}',
  pollDots: 'Số chấm',
  pollOption: 'Lựa chọn',
  tallyCount: 'Số người',
  'quizRoles.pre': 'Kiểm tra đầu buổi',
  'quizRoles.post': 'Kiểm tra cuối buổi',
  'quizRoles.practice': 'Bài luyện tập',
  passMark: 'Điểm đạt: {percent}%',
  answerKeyLegend: '✓ = đáp án đúng',
  quizTallyHint: 'Dòng trống bên phải: ghi số người chọn khi đếm giơ tay.',
  chooseAll: 'Chọn tất cả đáp án đúng',
  question: 'Câu {number}',
  objective: 'Mục tiêu {number}',
  explanation: 'Giải thích',
  reusesQuestions:
    'Bài này dùng lại đúng các câu hỏi của “{title}” để so sánh kết quả trước và sau buổi học. Các câu hỏi được nhắc lại dưới đây.',
  instructions: 'Hướng dẫn hoạt động',
  materials: 'Vật liệu cần chuẩn bị',
  safeguarding: 'Lưu ý bảo vệ trẻ em cho người điều phối',
  sources: 'Nguồn tư liệu',
  sourcesHint: 'Trích dẫn được ghi dạng mã-nguồn#đoạn: ví dụ ecpat-2019#4 là đoạn 4 của nguồn ecpat-2019.',
  sourceId: 'Mã nguồn',
  sourceTitle: 'Tên tài liệu',
  sourceDescription: 'Mô tả',
  sourceCited: 'Số lần trích dẫn',
  sourceParagraphs: '{count} đoạn',
  cited: '{count} lần',
  verifyLocally: 'Cần kiểm tra tại địa phương',
  verifyExplain:
    'Các thông tin dưới đây không đến từ các tài liệu nguồn (ví dụ số đường dây nóng, dịch vụ tại địa phương, quy trình chuyển tuyến). Hãy kiểm tra lại cho địa phương và thời điểm của anh chị trước buổi tập huấn, rồi đánh dấu vào ô.',
  verifyNone: 'Không có thông tin nào cần kiểm tra.',
  verifyMarker: '⚠ kiểm tra {number}',
  whereSummary: 'Tóm tắt',
  whereAudience: 'Đối tượng',
  whereObjective: 'Mục tiêu {number}',
  whereSafeguarding: 'Lưu ý bảo vệ trẻ em {number}',
  pause: 'Tạm dừng an toàn (phím P trên màn hình điều khiển)',
  pauseContacts: 'Số điện thoại cần có sẵn',
  wherePause: 'Tạm dừng an toàn, bước {number}',
  whereContact: 'Số điện thoại {number}',
  whereSource: 'Nguồn {id}',
  whereBlock: 'Phần {number}: {title}',
  whereTitle: 'tiêu đề',
  whereSlide: 'trang chiếu {number}',
  whereSlideNotes: 'ghi chú trang chiếu {number}',
  whereOption: 'đáp án {letter}',
  whereScale: 'thang điểm',
  signInTitle: 'Danh sách điểm danh',
  venue: 'Địa điểm',
  date: 'Ngày',
  trainer: 'Tập huấn viên',
  participantNumberExplain:
    'Số ở cột “STT” là số tham gia ẩn danh của anh chị: hãy dùng đúng số này khi làm bài kiểm tra đầu buổi và cuối buổi để so sánh kết quả.',
  namesNotRequired: 'Không cần ghi tên; chữ ký là không bắt buộc.',
  tickHint: 'Đánh dấu ✓ vào một ô giới tính và một ô nhóm tuổi.',
  columnNumber: 'STT',
  columnSex: 'Giới tính',
  columnAgeGroup: 'Nhóm tuổi',
  columnSignature: 'Chữ ký (không bắt buộc)',
  columnTotal: 'Cộng',
  afterSession: 'Sau buổi học, tập huấn viên cộng từng cột và nhập số liệu vào phần Điểm danh của Bàn Tròn.',
  'sexes.female': 'Nữ',
  'sexes.male': 'Nam',
  'sexes.other': 'Khác / không muốn nói',
  'ageGroups.under-18': 'Dưới 18',
  'ageGroups.18-24': '18–24',
  'ageGroups.25-59': '25–59',
  'ageGroups.60-plus': '60 trở lên',
  answerSheetTitle: 'Phiếu trả lời',
  participantNumber: 'Số của bạn',
  answerSheetHint: 'Ghi số của bạn trên danh sách điểm danh vào ô. Đánh dấu X vào chữ cái bạn chọn.',
  chooseAllThatApply: 'Chọn tất cả ý phù hợp',
  roomSheetTitle: 'Bảng ghi đáp án của cả lớp',
  roomSheetHint:
    'Mỗi dòng là một người, theo số trên danh sách điểm danh. Ghi chữ cái người đó chọn cho mỗi câu (nhiều chữ cái nếu câu cho chọn nhiều đáp án); để trống nếu không trả lời.',
  questionShort: 'Câu {number}',
  pollColumn: 'Trả lời',
  noPaperBlocks: 'Buổi tập huấn này không có bài kiểm tra hay câu bình chọn nào trả lời được trên giấy.',
  cardsTitle: 'Thẻ trả lời',
  cardNumber: 'Số {number}',
  cardHow: 'Giơ thẻ lên, chữ cái của câu trả lời bạn chọn ở phía trên cùng, giữ yên vài giây.'
} as const satisfies Record<GuideMessageKey, Message>

const en = {
  guideTitle: 'Facilitator guide',
  version: 'Version',
  audience: 'Audience',
  totalDuration: 'Total duration',
  startsAt: 'Starts at',
  minutes: '{count} min',
  summary: 'Summary',
  contentNote: 'Content note',
  contentNoteHint: 'Read this aloud to the room before you begin.',
  beforeSession: {
    one: 'Before the session: read the safeguarding notes and check the {count} item marked ⚠ (listed at the end of this guide).',
    other:
      'Before the session: read the safeguarding notes and check the {count} items marked ⚠ (listed at the end of this guide).'
  },
  beforeSessionNothingToVerify: 'Before the session: read the safeguarding notes at the end of this guide.',
  objectives: 'Learning objectives',
  agenda: 'Agenda',
  agendaNumber: 'Part',
  agendaStart: 'Start',
  agendaEnd: 'End',
  agendaMinutes: 'Minutes',
  agendaKind: 'Type',
  agendaPart: 'Content',
  agendaTotal: 'Total',
  'blockKinds.slides': 'Slides',
  'blockKinds.discussion': 'Discussion',
  'blockKinds.poll': 'Poll',
  'blockKinds.quiz': 'Quiz',
  'blockKinds.activity': 'Activity',
  'blockKinds.break': 'Break',
  'audienceGroups.parents': 'Parents',
  'audienceGroups.caregivers': 'Caregivers',
  'audienceGroups.teachers': 'Teachers',
  'audienceGroups.community': 'Community members',
  'audienceGroups.ngo-staff': 'NGO staff',
  'audienceGroups.officials': 'Local officials',
  'audienceGroups.adolescents': 'Adolescents',
  part: 'Part {number}',
  facilitatorNotes: 'Facilitator notes',
  slide: 'Slide {number} of {count}',
  speakerNotes: 'Speaker notes',
  noSpeakerNotes: '(no notes)',
  discussionPrompt: 'Discussion prompt (read out or project for the room)',
  groupSize: 'Groups of {size}',
  debrief: 'Debrief questions',
  pollQuestion: 'Poll question',
  'pollTypes.single': 'Single choice',
  'pollTypes.multiple': 'Multiple choice',
  'pollTypes.rating': 'Rating scale',
  'pollTypes.open': 'Open answer',
  'pollTypes.words': 'Word cloud',
  'pollTypes.ranking': 'Ranking',
  pollFeedback: 'Participant feedback (anonymous)',
  pollOpenHint: 'Answers appear on the projector only after you have reviewed them.',
  pollScale: 'Scale from {min} to {max}',
  pollWordsHint:
    'Each person sends one word or short phrase by phone; a phrase is kept whole, never split on spaces. Words appear on the projector only after you have approved them.',
  pollRankingOrder:
    'Each person orders all the options from 1 (most important). By hand: for each option, write how many people put it in each place.',
  pollRankingPoints:
    'Each person spreads {points} points over the options. By hand: each person places {points} dots; write the total dots on each option.',
  pollPlace: 'Place {place}',
  pollDots: 'Dots',
  pollOption: 'Option',
  tallyCount: 'Count',
  'quizRoles.pre': 'Pre-test',
  'quizRoles.post': 'Post-test',
  'quizRoles.practice': 'Practice quiz',
  passMark: 'Pass mark: {percent}%',
  answerKeyLegend: '✓ = correct answer',
  quizTallyHint: 'Blank line on the right: the number of people choosing it, when counting hands.',
  chooseAll: 'Choose all that apply',
  question: 'Question {number}',
  objective: 'Objective {number}',
  explanation: 'Explanation',
  reusesQuestions:
    'This quiz reuses the questions of “{title}” so that results before and after the session can be compared. The questions are repeated below.',
  instructions: 'Instructions',
  materials: 'Materials',
  safeguarding: 'Safeguarding notes for facilitators',
  sources: 'Sources',
  sourcesHint: 'Citations are written source-id#paragraph: for example ecpat-2019#4 is paragraph 4 of ecpat-2019.',
  sourceId: 'Source id',
  sourceTitle: 'Title',
  sourceDescription: 'Description',
  sourceCited: 'Times cited',
  sourceParagraphs: { one: '{count} paragraph', other: '{count} paragraphs' },
  cited: { one: 'once', other: '{count} times' },
  verifyLocally: 'Verify locally',
  verifyExplain:
    'The items below do not come from the source documents (for example hotline numbers, local services, referral procedures). Check each one for your country, area and date before the session, then tick its box.',
  verifyNone: 'Nothing needs checking.',
  verifyMarker: '⚠ verify {number}',
  whereSummary: 'Summary',
  whereAudience: 'Audience',
  whereObjective: 'Objective {number}',
  whereSafeguarding: 'Safeguarding note {number}',
  pause: 'Safeguarding pause (key P in the presenter)',
  pauseContacts: 'Numbers to have at hand',
  wherePause: 'Safeguarding pause, step {number}',
  whereContact: 'Phone number {number}',
  whereSource: 'Source {id}',
  whereBlock: 'Part {number}: {title}',
  whereTitle: 'title',
  whereSlide: 'slide {number}',
  whereSlideNotes: 'notes of slide {number}',
  whereOption: 'option {letter}',
  whereScale: 'scale',
  signInTitle: 'Attendance sign-in sheet',
  venue: 'Venue',
  date: 'Date',
  trainer: 'Trainer',
  participantNumberExplain:
    'The number in the “No.” column is your anonymous participant number: use this same number for the pre-test and the post-test so the results can be compared.',
  namesNotRequired: 'Names are not required; signing is optional.',
  tickHint: 'Tick one box for sex and one box for age group.',
  columnNumber: 'No.',
  columnSex: 'Sex',
  columnAgeGroup: 'Age group',
  columnSignature: 'Signature (optional)',
  columnTotal: 'Total',
  afterSession:
    "After the session, the trainer adds up each column and enters the totals in Roundtable's Attendance panel.",
  'sexes.female': 'Female',
  'sexes.male': 'Male',
  'sexes.other': 'Other / prefer not to say',
  'ageGroups.under-18': 'Under 18',
  'ageGroups.18-24': '18–24',
  'ageGroups.25-59': '25–59',
  'ageGroups.60-plus': '60 and over',
  answerSheetTitle: 'Answer sheet',
  participantNumber: 'Your number',
  answerSheetHint: 'Write your number from the sign-in sheet in the box. Mark an X on the letter you choose.',
  chooseAllThatApply: 'Choose all that apply',
  roomSheetTitle: 'Room answer sheet',
  roomSheetHint:
    'One line per person, by their number on the sign-in sheet. Write the letter each person chose for each question (several letters where a question allows several answers); leave it blank if they did not answer.',
  questionShort: 'Q{number}',
  pollColumn: 'Answer',
  noPaperBlocks: 'This workshop has no quiz or poll that can be answered on paper.',
  cardsTitle: 'Answer cards',
  cardNumber: 'No. {number}',
  cardHow: 'Hold the card up with the letter of your answer at the top, and keep it still for a moment.'
} satisfies Record<GuideMessageKey, Message>

export const guideMessages = defineCatalogue({ vi, en })

/** The placeholder names of each label with values, in the order of its function's arguments. */
const GUIDE_PARAMETERS: Record<GuideFunctionKey, readonly string[]> = {
  minutes: ['count'],
  beforeSession: ['count'],
  part: ['number'],
  slide: ['number', 'count'],
  groupSize: ['size'],
  pollScale: ['min', 'max'],
  pollRankingPoints: ['points'],
  pollPlace: ['place'],
  passMark: ['percent'],
  question: ['number'],
  objective: ['number'],
  reusesQuestions: ['title'],
  sourceParagraphs: ['count'],
  cited: ['count'],
  verifyMarker: ['number'],
  whereObjective: ['number'],
  whereSafeguarding: ['number'],
  wherePause: ['number'],
  whereContact: ['number'],
  whereSource: ['id'],
  whereBlock: ['number', 'title'],
  whereSlide: ['number'],
  whereSlideNotes: ['number'],
  whereOption: ['letter'],
  questionShort: ['number'],
  cardNumber: ['number']
}

/** The labels of one language, built from the catalogue: texts, groups of words and labels with values. */
function guideLabels(language: GuideLanguage): GuideLabels {
  const text = (key: GuideMessageKey, params?: MessageParams): string => guideMessages.text(language, key, params)
  const labels: Record<string, unknown> = {}
  for (const key of guideMessages.keys) {
    const [group, item] = key.split('.') as [string, string | undefined]
    if (item !== undefined) labels[group] = { ...(labels[group] as object), [item]: text(key) }
    else if (Object.hasOwn(GUIDE_PARAMETERS, key)) {
      const names = GUIDE_PARAMETERS[key as GuideFunctionKey]
      labels[key] = (...values: (string | number)[]) =>
        text(key, Object.fromEntries(names.map((name, index) => [name, values[index]!])))
    } else labels[key] = text(key)
  }
  delete labels.beforeSessionNothingToVerify
  // Nothing to verify is a different sentence, not a plural form.
  labels.beforeSession = (count: number) =>
    count > 0 ? text('beforeSession', { count }) : text('beforeSessionNothingToVerify')
  return labels as unknown as GuideLabels
}

export const GUIDE_LABELS: Record<GuideLanguage, GuideLabels> = { vi: guideLabels('vi'), en: guideLabels('en') }
