import type { PackageFiles } from './sample-package'

/**
 * A small workshop in Vietnamese only (`languages: [vi]`): no English text and no English slides. For the loader's
 * tests and the end-to-end run of a single-language workshop (imported, run with phones, exported).
 */
export function vietnameseOnlyPackage(id = 'hop-phu-huynh'): PackageFiles {
  return {
    'workshop.yaml': `format: 1
id: ${id}
version: 1.0.0
title: { vi: "Họp phụ huynh về an toàn trên mạng" }
summary: { vi: "Một buổi ngắn để cha mẹ trao đổi về an toàn của con trên mạng." }
audience:
  groups: [parents]
  description: { vi: "Cha mẹ có con ở tiểu học" }
durationMinutes: 30
languages: [vi]
objectives:
  - id: nhan-biet
    text: { vi: "Nhận biết dấu hiệu nguy hiểm" }
contentNote: { vi: "Nói chuyện nhẹ nhàng, không đổ lỗi." }
safeguarding:
  - { vi: "Nếu một phụ huynh kể về một vụ việc, hãy nói chuyện riêng sau buổi họp." }
sources:
  - id: tai-lieu
    title: "Tài liệu hướng dẫn"
    description: { vi: "Tài liệu của dự án" }
    paragraphs: 5
blocks:
  - id: mo-dau
    kind: slides
    title: { vi: "Mở đầu" }
    minutes: 5
  - id: mong-doi
    kind: poll
    title: { vi: "Điều cha mẹ lo nhất" }
    minutes: 5
    type: single
    question: { vi: "Điều gì làm anh chị lo nhất khi con dùng mạng?" }
    options:
      - { id: nguoi-la, text: { vi: "Người lạ nhắn tin" } }
      - { id: hinh-anh, text: { vi: "Hình ảnh không phù hợp" } }
      - { id: thoi-gian, text: { vi: "Dùng quá nhiều thời gian" } }
  - id: kiem-tra
    kind: quiz
    title: { vi: "Câu hỏi nhanh" }
    minutes: 5
    role: practice
    passMarkPercent: 50
    questions:
      - id: cau-1
        objective: nhan-biet
        text: { vi: "Một người lạ xin ảnh của con: cha mẹ nên làm gì?" }
        options:
          - { id: a, text: { vi: "Bảo con không gửi và báo cho cha mẹ" }, correct: true }
          - { id: b, text: { vi: "Để con tự quyết định" } }
        explanation: { vi: "Con cần biết có thể kể với cha mẹ [@tai-lieu#2]." }
  - id: thao-luan
    kind: discussion
    title: { vi: "Trao đổi nhóm" }
    minutes: 10
    prompt: { vi: "Nhà anh chị có quy tắc nào về điện thoại?" }
    debrief:
      - { vi: "Quy tắc nào dễ giữ nhất?" }
  - id: gop-y
    kind: poll
    title: { vi: "Góp ý cho buổi họp" }
    minutes: 5
    type: open
    purpose: feedback
    question: { vi: "Anh chị muốn nói thêm điều gì?" }
`,
    'slides/mo-dau.vi.md':
      '# Chào các anh chị\n\n- Buổi họp ngắn về an toàn trên mạng [@tai-lieu#1]\n\nNote:\nGiới thiệu bản thân\n\n---\n\n# Hôm nay\n\n- Lo lắng của cha mẹ\n- Việc nhà có thể làm\n'
  }
}
