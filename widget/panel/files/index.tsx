/**
 * The files chunk (see ../files-chunk.ts): the attach control and its uploads, a comment's files,
 * the member's reply form and follow-up link, and the rating of a solved request, with their words
 * and styles.
 */
export { Attach } from './Attach.js';
export { FileList } from './FileList.js';
export { FollowUpOf } from './FollowUpOf.js';
export { Rating } from './Rating.js';
export { ReplyForm } from './ReplyForm.js';
export { sendProblemText, uploadFile } from './add-files.js';
