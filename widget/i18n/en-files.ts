/** The words of attaching and showing files, and of a member's reply form; they come with the files chunk (see en.ts). */
const sizeFormat = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

export const filesMessages = {
  attach: 'Attach files',
  attachHint: (max: number) => `Up to ${max} files.`,
  uploading: 'Uploading…',
  attached: 'Attached',
  remove: (name: string) => `Remove ${name}`,
  full: (max: number) => `That is the most one message can carry (${max} files). Remove one to attach another.`,
  tooBig: 'This file is too big.',
  typeNotAllowed: 'This type of file can’t be attached.',
  tooManyUploads: 'Too many uploads just now. Please wait a moment and try again.',
  uploadFailed: 'This file was not uploaded.',
  size: (bytes: number) => (bytes < 1000 ? `${bytes} B` : bytes < 1e6 ? `${sizeFormat.format(bytes / 1e3)} KB` : `${sizeFormat.format(bytes / 1e6)} MB`),
  // A member's reply form (it carries files, so it comes with them).
  addToConversation: 'Add to conversation',
  sendReply: 'Send',
  markSolved: 'Mark as solved',
};
