import { defineCatalogue, type MessageParams } from '../../shared/i18n/catalogue'
import type { Language } from '../../shared/i18n/language'

/**
 * Every text on the participants' phone pages. Vietnamese first; English must have exactly the same
 * keys (the type makes a missing key a compile error). Placeholders are written {name}.
 * Kept apart from the app's catalogue so the phone page stays tiny and never ships trainer texts.
 */
export const vi = {
  'app.name': 'Bàn Tròn',
  'lang.other': 'English',
  'join.heading': 'Tham gia',
  'join.intro': 'Nhập mã gồm 4 chữ số đang hiện trên màn chiếu.',
  'join.code': 'Mã tham gia',
  'join.submit': 'Tham gia',
  'join.wrong': 'Mã chưa đúng. Hãy xem lại mã trên màn chiếu.',
  'join.first': 'Hãy nhập mã tham gia trước.',
  'wait.heading': 'Xin chờ một chút',
  'wait.text': 'Chưa có câu hỏi nào đang mở. Hãy chờ câu hỏi tiếp theo của tập huấn viên.',
  'wait.reload': 'Tải lại trang',
  'question.number': 'Câu {n}',
  'question.chooseOne': 'Chọn một đáp án.',
  'question.chooseMany': 'Có thể chọn nhiều đáp án.',
  'question.openHint': 'Tối đa 280 ký tự. Xin đừng ghi tên hay thông tin cá nhân.',
  'question.participantNumber': 'Số thứ tự của bạn (không bắt buộc)',
  'question.participantNumberHint':
    'Là số bên cạnh tên bạn trong danh sách điểm danh, để so kết quả trước và sau buổi học. Không cần ghi tên.',
  'question.send': 'Gửi câu trả lời',
  'question.sending': 'Đang gửi…',
  'answer.saved': 'Đã lưu câu trả lời. Bạn có thể sửa lại cho đến khi câu hỏi đóng.',
  'answer.closed': 'Câu hỏi này đã đóng nên câu trả lời chưa được lưu.',
  'answer.invalid': 'Câu trả lời chưa hợp lệ. Hãy chọn hoặc viết câu trả lời rồi gửi lại.',
  'answer.notSaved': 'Chưa lưu được câu trả lời. Hãy gửi lại.',
  'answer.offline': 'Không gửi được. Hãy kiểm tra kết nối Wi-Fi rồi thử lại.',
  'error.tooMany': 'Bạn gửi quá nhanh. Hãy đợi một chút rồi thử lại.',
  'error.notFound': 'Không tìm thấy trang này.',
  'error.general': 'Đã có lỗi. Hãy thử lại.',
  'error.back': 'Quay lại',
  'qa.link': 'Đặt câu hỏi ẩn danh',
  'qa.intro': 'Câu hỏi được gửi không kèm tên. Tập huấn viên đọc trước, rồi mới chiếu lên màn hình.',
  'qa.label': 'Câu hỏi của bạn',
  'qa.send': 'Gửi câu hỏi',
  'qa.sent': 'Đã gửi câu hỏi. Câu hỏi sẽ hiện dưới đây khi tập huấn viên duyệt.',
  'qa.approved': 'Các câu hỏi đã duyệt',
  'qa.none': 'Chưa có câu hỏi nào được duyệt.',
  'qa.vote': 'Thích',
  'qa.unvote': 'Bỏ thích',
  'qa.votes': '{count} lượt thích',
  'qa.voted': 'Đã ghi nhận.',
  'qa.closed': 'Buổi học đang tạm dừng nên câu hỏi chưa được gửi.',
  'qa.invalid': 'Hãy viết câu hỏi (tối đa 280 ký tự) rồi gửi lại.',
  'qa.tooMany': 'Bạn đã gửi 5 câu hỏi trong 10 phút. Hãy đợi một lúc rồi gửi tiếp.',
  'qa.noQuestion': 'Câu hỏi này không còn trong danh sách.',
  'qa.notSaved': 'Chưa lưu được. Hãy gửi lại.',
  'qa.back': 'Về trang trả lời',
  'qa.waiting': 'Câu hỏi của bạn đang chờ tập huấn viên duyệt: {count}.',
  'question.chooseUpTo': 'Chọn tối đa {max} đáp án.',
  'answer.tooMany': 'Bạn đã chọn quá nhiều: câu này nhận tối đa {max} lựa chọn. Hãy bỏ bớt rồi gửi lại.',
  'answer.badOrder':
    'Chưa xếp được: mỗi lựa chọn cần một hạng, và không có hai lựa chọn cùng hạng. Hãy sửa rồi gửi lại.',
  'answer.badPoints': 'Tổng điểm phải đúng bằng {points}. Hãy sửa rồi gửi lại.',
  'question.wordHint': 'Một từ hoặc cụm từ ngắn (tối đa 40 ký tự). Xin đừng ghi tên hay thông tin cá nhân.',
  'question.rankOrder': 'Xếp hạng mỗi lựa chọn, 1 là quan trọng nhất; mỗi hạng dùng một lần.',
  'question.rankPoints': 'Chia đúng {points} điểm cho các lựa chọn (ô trống là 0).',
  'question.pointsLeft': 'Còn lại: {n} điểm',
  'question.rank': 'Hạng'
} as const

export type ParticipantMessageKey = keyof typeof vi

export const en: Record<ParticipantMessageKey, string> = {
  'app.name': 'Roundtable',
  'lang.other': 'Tiếng Việt',
  'join.heading': 'Join',
  'join.intro': 'Enter the 4-digit code shown on the screen.',
  'join.code': 'Join code',
  'join.submit': 'Join',
  'join.wrong': 'That code is not right. Check the code on the screen.',
  'join.first': 'Please enter the join code first.',
  'wait.heading': 'Please wait',
  'wait.text': "No question is open right now. Wait for the trainer's next question.",
  'wait.reload': 'Reload the page',
  'question.number': 'Question {n}',
  'question.chooseOne': 'Choose one answer.',
  'question.chooseMany': 'You can choose more than one answer.',
  'question.openHint': 'Up to 280 characters. Please do not write names or personal details.',
  'question.participantNumber': 'Your participant number (optional)',
  'question.participantNumberHint':
    'The number next to your name on the sign-in sheet, to compare results before and after. No name needed.',
  'question.send': 'Send answer',
  'question.sending': 'Sending…',
  'answer.saved': 'Your answer is saved; you can change it until the poll closes.',
  'answer.closed': 'This question is closed, so your answer was not saved.',
  'answer.invalid': 'That answer could not be taken. Choose or write an answer and send it again.',
  'answer.notSaved': 'Your answer could not be saved. Please send it again.',
  'answer.offline': 'Could not send. Check the Wi-Fi connection and try again.',
  'error.tooMany': 'Too many requests. Wait a moment and try again.',
  'error.notFound': 'This page does not exist.',
  'error.general': 'Something went wrong. Please try again.',
  'error.back': 'Back',
  'qa.link': 'Ask a question anonymously',
  'qa.intro': 'Questions are sent without your name. The trainer reads them first, then shows them on the screen.',
  'qa.label': 'Your question',
  'qa.send': 'Send question',
  'qa.sent': 'Question sent. It appears below once the trainer approves it.',
  'qa.approved': 'Approved questions',
  'qa.none': 'No approved questions yet.',
  'qa.vote': 'Upvote',
  'qa.unvote': 'Remove vote',
  'qa.votes': 'Votes: {count}',
  'qa.voted': 'Saved.',
  'qa.closed': 'The session is paused, so your question was not sent.',
  'qa.invalid': 'Write a question (up to 280 characters) and send it again.',
  'qa.tooMany': 'You have sent 5 questions in 10 minutes. Wait a while before sending more.',
  'qa.noQuestion': 'That question is no longer on the list.',
  'qa.notSaved': 'It could not be saved. Please send it again.',
  'qa.back': 'Back to the answer page',
  'qa.waiting': 'Your questions waiting for the trainer to review: {count}.',
  'question.chooseUpTo': 'Choose up to {max} answers.',
  'answer.tooMany': 'Too many choices: this question takes at most {max}. Untick some and send again.',
  'answer.badOrder':
    'Not ranked yet: give every option a place, and no two options the same place. Fix it and send again.',
  'answer.badPoints': 'The points must add up to exactly {points}. Fix it and send again.',
  'question.wordHint': 'One word or short phrase (up to 40 characters). Please do not write names or personal details.',
  'question.rankOrder': 'Rank each option, 1 = most important; use each rank once.',
  'question.rankPoints': 'Spread exactly {points} points over the options (an empty box is 0).',
  'question.pointsLeft': 'Left: {n} points',
  'question.rank': 'Rank'
}

/** The phone pages' catalogue. */
export const participantMessages = defineCatalogue({ vi, en })

/** The text of `key` in `language`, with {placeholders} filled. */
export function message(language: Language, key: ParticipantMessageKey, params: MessageParams = {}): string {
  return participantMessages.text(language, key, params)
}
