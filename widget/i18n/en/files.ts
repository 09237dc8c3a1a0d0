/** The words of attaching and showing files, and of a member's reply form; they come with the files chunk (see en.ts). */
import { fileSize } from '../format.js';

const size = fileSize('en', ['B', 'KB', 'MB']);

export const filesMessages = {
  attach: 'Attach files',
  attachHint: (files: number, bytes: number) => `Up to ${files} files, ${size(bytes)} each.`,
  uploading: 'Uploading…',
  attached: 'Attached',
  remove: (name: string) => `Remove ${name}`,
  full: (max: number) => `That is the most one message can carry (${max} files). Remove one to attach another.`,
  // The server's words for its 413, said before the upload when the file is already known to be too big.
  tooBig: (maxBytes: number) => `Files can be at most ${size(maxBytes)}.`,
  siteFull: 'This site has no room for more files.',
  typeNotAllowed: 'This type of file can’t be attached.',
  tooManyUploads: 'Too many uploads just now. Please wait a moment and try again.',
  uploadFailed: 'This file was not uploaded.',
  size,
  // Sending a message with its files: the server's `too_many_attachments` and `attachment_not_found`.
  tooManyFiles: (max: number) => `A message can have at most ${max} files. Remove one and send again.`,
  fileGone: 'An attached file is no longer there. Remove it, attach it again and send again.',
  // A member's reply form (it carries files, so it comes with them).
  addToConversation: 'Add to conversation',
  sendReply: 'Send',
  markSolved: 'Mark as solved',
  // "Mark as solved" with text still in the box: send it first?
  unsentReply: 'You have a reply you haven’t sent. Send it before marking the request as solved?',
  sendAndSolve: 'Send and mark as solved',
  solveWithoutSending: 'Mark as solved without sending',
  cancel: 'Cancel',
  // The customer's rating of a solved request (Rating.tsx rides in this chunk too).
  rateTitle: 'How did we do?',
  rateGood: 'Good',
  rateBad: 'Bad',
  rateComment: 'Anything you’d like to add? (optional)',
  rateSend: 'Send rating',
  rateConfirm: 'Send this rating?',
  rateThanks: 'Thanks for your rating. You can change it at any time.',
  // A member's request that follows up another (FollowUpOf.tsx: it rides in this chunk too).
  followUpOf: (number: number) => `Follow-up to #${number}`,
  sending: 'Sending…',
  sessionEnded: 'Your session has ended. Reload the page to sign in again.',
};
