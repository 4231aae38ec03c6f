import type { AGE_GROUPS, SEXES } from '../sessions/model'
import type { AUDIENCE_GROUPS, BlockKind } from '../workshops/schema'

/**
 * Words of the printed documents (facilitator guide, sign-in sheet), Vietnamese first.
 * `GuideLabels` lists every key, so a label missing in one language is a compile error.
 * Labels are plain text: callers escape them like any other text they place in HTML.
 */
export type GuideLanguage = 'vi' | 'en'

type Sex = (typeof SEXES)[number]
type AgeGroup = (typeof AGE_GROUPS)[number]
type AudienceGroup = (typeof AUDIENCE_GROUPS)[number]
type PollType = 'single' | 'multiple' | 'rating' | 'open'
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

const vi: GuideLabels = {
  guideTitle: 'Tài liệu hướng dẫn cho người điều phối',
  version: 'Phiên bản',
  audience: 'Đối tượng',
  totalDuration: 'Tổng thời lượng',
  startsAt: 'Bắt đầu lúc',
  minutes: (count) => `${count} phút`,
  summary: 'Tóm tắt',
  contentNote: 'Lưu ý về nội dung',
  contentNoteHint: 'Đọc to cho cả phòng nghe trước khi bắt đầu.',
  beforeSession: (count) =>
    count > 0
      ? `Trước buổi tập huấn: đọc kỹ phần lưu ý bảo vệ trẻ em và kiểm tra ${count} thông tin đánh dấu ⚠ (danh sách ở cuối tài liệu).`
      : 'Trước buổi tập huấn: đọc kỹ phần lưu ý bảo vệ trẻ em ở cuối tài liệu.',
  objectives: 'Mục tiêu học tập',
  agenda: 'Chương trình',
  agendaNumber: 'Phần',
  agendaStart: 'Bắt đầu',
  agendaEnd: 'Kết thúc',
  agendaMinutes: 'Số phút',
  agendaKind: 'Hình thức',
  agendaPart: 'Nội dung',
  agendaTotal: 'Tổng cộng',
  blockKinds: {
    slides: 'Trình chiếu',
    discussion: 'Thảo luận',
    poll: 'Bình chọn',
    quiz: 'Kiểm tra',
    activity: 'Hoạt động',
    break: 'Giải lao'
  },
  audienceGroups: {
    parents: 'Cha mẹ',
    caregivers: 'Người chăm sóc trẻ',
    teachers: 'Giáo viên',
    community: 'Cộng đồng',
    'ngo-staff': 'Cán bộ tổ chức phi chính phủ',
    officials: 'Cán bộ địa phương',
    adolescents: 'Trẻ vị thành niên'
  },
  part: (number) => `Phần ${number}`,
  facilitatorNotes: 'Ghi chú cho người điều phối',
  slide: (number, count) => `Trang chiếu ${number}/${count}`,
  speakerNotes: 'Ghi chú thuyết trình',
  noSpeakerNotes: '(không có ghi chú)',
  discussionPrompt: 'Câu hỏi thảo luận (đọc hoặc chiếu cho cả phòng)',
  groupSize: (size) => `Chia nhóm ${size} người`,
  debrief: 'Câu hỏi tổng kết',
  pollQuestion: 'Câu hỏi bình chọn',
  pollTypes: {
    single: 'Chọn một đáp án',
    multiple: 'Chọn nhiều đáp án',
    rating: 'Thang điểm',
    open: 'Câu trả lời mở'
  },
  pollFeedback: 'Phiếu phản hồi của người tham gia (ẩn danh)',
  pollOpenHint: 'Câu trả lời chỉ hiện lên màn chiếu sau khi anh chị đã duyệt.',
  pollScale: (min, max) => `Thang điểm từ ${min} đến ${max}`,
  pollOption: 'Lựa chọn',
  tallyCount: 'Số người',
  quizRoles: { pre: 'Kiểm tra đầu buổi', post: 'Kiểm tra cuối buổi', practice: 'Bài luyện tập' },
  passMark: (percent) => `Điểm đạt: ${percent}%`,
  answerKeyLegend: '✓ = đáp án đúng',
  quizTallyHint: 'Dòng trống bên phải: ghi số người chọn khi đếm giơ tay.',
  chooseAll: 'Chọn tất cả đáp án đúng',
  question: (number) => `Câu ${number}`,
  objective: (number) => `Mục tiêu ${number}`,
  explanation: 'Giải thích',
  reusesQuestions: (title) =>
    `Bài này dùng lại đúng các câu hỏi của “${title}” để so sánh kết quả trước và sau buổi học. Các câu hỏi được nhắc lại dưới đây.`,
  instructions: 'Hướng dẫn hoạt động',
  materials: 'Vật liệu cần chuẩn bị',
  safeguarding: 'Lưu ý bảo vệ trẻ em cho người điều phối',
  sources: 'Nguồn tư liệu',
  sourcesHint: 'Trích dẫn được ghi dạng mã-nguồn#đoạn: ví dụ ecpat-2019#4 là đoạn 4 của nguồn ecpat-2019.',
  sourceId: 'Mã nguồn',
  sourceTitle: 'Tên tài liệu',
  sourceDescription: 'Mô tả',
  sourceCited: 'Số lần trích dẫn',
  sourceParagraphs: (count) => `${count} đoạn`,
  cited: (count) => `${count} lần`,
  verifyLocally: 'Cần kiểm tra tại địa phương',
  verifyExplain:
    'Các thông tin dưới đây không đến từ các tài liệu nguồn (ví dụ số đường dây nóng, dịch vụ tại địa phương, quy trình chuyển tuyến). Hãy kiểm tra lại cho địa phương và thời điểm của anh chị trước buổi tập huấn, rồi đánh dấu vào ô.',
  verifyNone: 'Không có thông tin nào cần kiểm tra.',
  verifyMarker: (number) => `⚠ kiểm tra ${number}`,
  whereSummary: 'Tóm tắt',
  whereAudience: 'Đối tượng',
  whereObjective: (number) => `Mục tiêu ${number}`,
  whereSafeguarding: (number) => `Lưu ý bảo vệ trẻ em ${number}`,
  pause: 'Tạm dừng an toàn (phím P trên màn hình điều khiển)',
  pauseContacts: 'Số điện thoại cần có sẵn',
  wherePause: (number) => `Tạm dừng an toàn, bước ${number}`,
  whereContact: (number) => `Số điện thoại ${number}`,
  whereSource: (id) => `Nguồn ${id}`,
  whereBlock: (number, title) => `Phần ${number}: ${title}`,
  whereTitle: 'tiêu đề',
  whereSlide: (number) => `trang chiếu ${number}`,
  whereSlideNotes: (number) => `ghi chú trang chiếu ${number}`,
  whereOption: (letter) => `đáp án ${letter}`,
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
  sexes: { female: 'Nữ', male: 'Nam', other: 'Khác / không muốn nói' },
  ageGroups: { 'under-18': 'Dưới 18', '18-24': '18–24', '25-59': '25–59', '60-plus': '60 trở lên' },
  answerSheetTitle: 'Phiếu trả lời',
  participantNumber: 'Số của bạn',
  answerSheetHint: 'Ghi số của bạn trên danh sách điểm danh vào ô. Đánh dấu X vào chữ cái bạn chọn.',
  chooseAllThatApply: 'Chọn tất cả ý phù hợp',
  roomSheetTitle: 'Bảng ghi đáp án của cả lớp',
  roomSheetHint:
    'Mỗi dòng là một người, theo số trên danh sách điểm danh. Ghi chữ cái người đó chọn cho mỗi câu (nhiều chữ cái nếu câu cho chọn nhiều đáp án); để trống nếu không trả lời.',
  questionShort: (number) => `Câu ${number}`,
  pollColumn: 'Trả lời',
  noPaperBlocks: 'Buổi tập huấn này không có bài kiểm tra hay câu bình chọn nào trả lời được trên giấy.',
  cardsTitle: 'Thẻ trả lời',
  cardNumber: (number) => `Số ${number}`,
  cardHow: 'Giơ thẻ lên, chữ cái của câu trả lời bạn chọn ở phía trên cùng, giữ yên vài giây.'
}

const en: GuideLabels = {
  guideTitle: 'Facilitator guide',
  version: 'Version',
  audience: 'Audience',
  totalDuration: 'Total duration',
  startsAt: 'Starts at',
  minutes: (count) => `${count} min`,
  summary: 'Summary',
  contentNote: 'Content note',
  contentNoteHint: 'Read this aloud to the room before you begin.',
  beforeSession: (count) =>
    count > 0
      ? `Before the session: read the safeguarding notes and check the ${count} items marked ⚠ (listed at the end of this guide).`
      : 'Before the session: read the safeguarding notes at the end of this guide.',
  objectives: 'Learning objectives',
  agenda: 'Agenda',
  agendaNumber: 'Part',
  agendaStart: 'Start',
  agendaEnd: 'End',
  agendaMinutes: 'Minutes',
  agendaKind: 'Type',
  agendaPart: 'Content',
  agendaTotal: 'Total',
  blockKinds: {
    slides: 'Slides',
    discussion: 'Discussion',
    poll: 'Poll',
    quiz: 'Quiz',
    activity: 'Activity',
    break: 'Break'
  },
  audienceGroups: {
    parents: 'Parents',
    caregivers: 'Caregivers',
    teachers: 'Teachers',
    community: 'Community members',
    'ngo-staff': 'NGO staff',
    officials: 'Local officials',
    adolescents: 'Adolescents'
  },
  part: (number) => `Part ${number}`,
  facilitatorNotes: 'Facilitator notes',
  slide: (number, count) => `Slide ${number} of ${count}`,
  speakerNotes: 'Speaker notes',
  noSpeakerNotes: '(no notes)',
  discussionPrompt: 'Discussion prompt (read out or project for the room)',
  groupSize: (size) => `Groups of ${size}`,
  debrief: 'Debrief questions',
  pollQuestion: 'Poll question',
  pollTypes: { single: 'Single choice', multiple: 'Multiple choice', rating: 'Rating scale', open: 'Open answer' },
  pollFeedback: 'Participant feedback (anonymous)',
  pollOpenHint: 'Answers appear on the projector only after you have reviewed them.',
  pollScale: (min, max) => `Scale from ${min} to ${max}`,
  pollOption: 'Option',
  tallyCount: 'Count',
  quizRoles: { pre: 'Pre-test', post: 'Post-test', practice: 'Practice quiz' },
  passMark: (percent) => `Pass mark: ${percent}%`,
  answerKeyLegend: '✓ = correct answer',
  quizTallyHint: 'Blank line on the right: the number of people choosing it, when counting hands.',
  chooseAll: 'Choose all that apply',
  question: (number) => `Question ${number}`,
  objective: (number) => `Objective ${number}`,
  explanation: 'Explanation',
  reusesQuestions: (title) =>
    `This quiz reuses the questions of “${title}” so that results before and after the session can be compared. The questions are repeated below.`,
  instructions: 'Instructions',
  materials: 'Materials',
  safeguarding: 'Safeguarding notes for facilitators',
  sources: 'Sources',
  sourcesHint: 'Citations are written source-id#paragraph: for example ecpat-2019#4 is paragraph 4 of ecpat-2019.',
  sourceId: 'Source id',
  sourceTitle: 'Title',
  sourceDescription: 'Description',
  sourceCited: 'Times cited',
  sourceParagraphs: (count) => `${count} paragraphs`,
  cited: (count) => (count === 1 ? 'once' : `${count} times`),
  verifyLocally: 'Verify locally',
  verifyExplain:
    'The items below do not come from the source documents (for example hotline numbers, local services, referral procedures). Check each one for your country, area and date before the session, then tick its box.',
  verifyNone: 'Nothing needs checking.',
  verifyMarker: (number) => `⚠ verify ${number}`,
  whereSummary: 'Summary',
  whereAudience: 'Audience',
  whereObjective: (number) => `Objective ${number}`,
  whereSafeguarding: (number) => `Safeguarding note ${number}`,
  pause: 'Safeguarding pause (key P in the presenter)',
  pauseContacts: 'Numbers to have at hand',
  wherePause: (number) => `Safeguarding pause, step ${number}`,
  whereContact: (number) => `Phone number ${number}`,
  whereSource: (id) => `Source ${id}`,
  whereBlock: (number, title) => `Part ${number}: ${title}`,
  whereTitle: 'title',
  whereSlide: (number) => `slide ${number}`,
  whereSlideNotes: (number) => `notes of slide ${number}`,
  whereOption: (letter) => `option ${letter}`,
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
  sexes: { female: 'Female', male: 'Male', other: 'Other / prefer not to say' },
  ageGroups: { 'under-18': 'Under 18', '18-24': '18–24', '25-59': '25–59', '60-plus': '60 and over' },
  answerSheetTitle: 'Answer sheet',
  participantNumber: 'Your number',
  answerSheetHint: 'Write your number from the sign-in sheet in the box. Mark an X on the letter you choose.',
  chooseAllThatApply: 'Choose all that apply',
  roomSheetTitle: 'Room answer sheet',
  roomSheetHint:
    'One line per person, by their number on the sign-in sheet. Write the letter each person chose for each question (several letters where a question allows several answers); leave it blank if they did not answer.',
  questionShort: (number) => `Q${number}`,
  pollColumn: 'Answer',
  noPaperBlocks: 'This workshop has no quiz or poll that can be answered on paper.',
  cardsTitle: 'Answer cards',
  cardNumber: (number) => `No. ${number}`,
  cardHow: 'Hold the card up with the letter of your answer at the top, and keep it still for a moment.'
}

export const GUIDE_LABELS: Record<GuideLanguage, GuideLabels> = { vi, en }
