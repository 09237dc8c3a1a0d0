/**
 * The open request (right column): its details and history, the composer (a public reply or an
 * internal note, with its files and the status it leaves), and the separate status change. Drafts
 * and their files are kept per request while the agent looks at others.
 */
import { batch, signal } from '@preact/signals';
import { attachedIds, isUploading, type Upload } from '../../../widget/panel/models/uploads.js';
import type { AgentReply, AgentRequest, AgentStatus, StoredStatus } from '../../contract/types.js';
import type { InboxApi } from './api.js';
import { ApiError, asApiError } from '../../../widget/kit/api-error.js';
import { failed, loading, ready, type Loadable } from '../../../widget/kit/loadable.js';
import type { Guard } from './queue-model.js';

export type ComposerMode = 'public' | 'note';

const AGENT_STATUSES: readonly StoredStatus[] = ['open', 'pending', 'hold', 'solved'];
/** The status the separate control starts at: the current one, when an agent could choose it. */
const choosable = (status: StoredStatus): AgentStatus | '' => (AGENT_STATUSES.includes(status) ? (status as AgentStatus) : '');

export function createRequestModel(api: InboxApi, guard: Guard, onChanged: () => void) {
  const number = signal<number | null>(null);
  const detail = signal<Loadable<AgentRequest>>(loading);
  const mode = signal<ComposerMode>('public');
  const draft = signal('');
  /** The draft's files, uploading as they are chosen (the widget's control, widget/panel/files/Attach.tsx). */
  const files = signal<Upload[]>([]);
  /** '' leaves it to the server: a public reply sets pending, a note keeps the status. */
  const replyStatus = signal<AgentStatus | ''>('');
  const sending = signal(false);
  const sendProblem = signal<ApiError | undefined>(undefined);
  const sentNotice = signal('');
  const nextStatus = signal<AgentStatus | ''>('');
  const changingStatus = signal(false);
  const statusProblem = signal<ApiError | undefined>(undefined);
  /** The owner or tags being changed, and why the last change failed. */
  const changingTeam = signal(false);
  const teamProblem = signal<ApiError | undefined>(undefined);
  const drafts = new Map<number, { text: string; files: Upload[] }>();
  let fetchRun = 0;

  const show = (request: AgentRequest) => {
    const before = detail.peek();
    const sameStatus = before.state === 'ready' && before.value.id === request.id && before.value.status === request.status;
    batch(() => {
      detail.value = ready(request);
      // Keep an agent's pending choice through a quiet refresh; follow the request when it moved.
      if (!sameStatus) nextStatus.value = choosable(request.status);
    });
  };

  function fetchDetail(wanted: number, quietly: boolean): void {
    const current = ++fetchRun;
    if (!quietly) detail.value = loading;
    guard(api.getRequest(wanted)).then(
      ({ request }) => current === fetchRun && number.peek() === wanted && show(request),
      (error) => {
        if (current !== fetchRun || number.peek() !== wanted) return;
        if (!quietly || detail.peek().state !== 'ready' || asApiError(error).status === 404) detail.value = failed(error);
      },
    );
  }

  function clearComposer(kept: { text: string; files: Upload[] } = { text: '', files: [] }) {
    mode.value = 'public';
    replyStatus.value = '';
    draft.value = kept.text;
    files.value = kept.files;
    sendProblem.value = undefined;
    sentNotice.value = '';
    statusProblem.value = undefined;
    teamProblem.value = undefined;
  }

  /** Shows request `wanted` (null: none), keeping the draft of the one left behind. */
  function open(wanted: number | null): void {
    const previous = number.peek();
    if (wanted === previous) return;
    if (previous !== null) {
      // Only finished files are kept: an upload still running answers into the list then shown, which is another request's.
      const kept = { text: draft.peek(), files: files.peek().filter((upload) => upload.state !== 'uploading') };
      if (kept.text.trim() || kept.files.length) drafts.set(previous, kept);
      else drafts.delete(previous);
    }
    batch(() => {
      number.value = wanted;
      clearComposer(wanted === null ? undefined : drafts.get(wanted));
    });
    if (wanted === null) {
      fetchRun++;
      detail.value = loading;
    } else fetchDetail(wanted, false);
  }

  async function send(): Promise<void> {
    const wanted = number.peek();
    const body = draft.peek();
    if (wanted === null || sending.peek() || isUploading(files.peek())) return;
    if (!body.trim()) {
      sendProblem.value = new ApiError(400, 'validation_failed', 'Write something first.');
      return;
    }
    const chosen = replyStatus.peek();
    const attachmentIds = attachedIds(files.peek());
    const reply: AgentReply = {
      body,
      public: mode.peek() === 'public',
      ...(chosen && { status: chosen }),
      ...(attachmentIds.length && { attachmentIds }),
    };
    batch(() => {
      sending.value = true;
      sendProblem.value = undefined;
      sentNotice.value = '';
    });
    try {
      const { request } = await guard(api.addComment(wanted, reply));
      drafts.delete(wanted);
      if (number.peek() === wanted) {
        batch(() => {
          show(request);
          draft.value = '';
          files.value = [];
          replyStatus.value = '';
          sentNotice.value = reply.public ? 'Reply sent.' : 'Internal note added.';
        });
      }
      onChanged();
    } catch (error) {
      if (number.peek() !== wanted) return;
      const problem = asApiError(error);
      sendProblem.value = problem;
      // Closed meanwhile (auto-close, a colleague): show it as it is now; the draft stays for copying.
      if (problem.code === 'request_closed') {
        fetchDetail(wanted, true);
        onChanged();
      }
    } finally {
      sending.value = false;
    }
  }

  async function changeStatus(): Promise<void> {
    const wanted = number.peek();
    const status = nextStatus.peek();
    if (wanted === null || !status || changingStatus.peek()) return;
    batch(() => {
      changingStatus.value = true;
      statusProblem.value = undefined;
      sentNotice.value = '';
    });
    try {
      const { request } = await guard(api.setStatus(wanted, status));
      if (number.peek() === wanted) show(request);
      onChanged();
    } catch (error) {
      if (number.peek() !== wanted) return;
      const problem = asApiError(error);
      statusProblem.value = problem;
      if (problem.code === 'request_closed') {
        fetchDetail(wanted, true);
        onChanged();
      }
    } finally {
      changingStatus.value = false;
    }
  }

  /** Changes the team's facts of the open request (owner, tags): `change` makes the call for the request's number. */
  async function changeTeam(change: (number: number) => Promise<{ request: AgentRequest }>): Promise<void> {
    const wanted = number.peek();
    if (wanted === null || changingTeam.peek()) return;
    batch(() => {
      changingTeam.value = true;
      teamProblem.value = undefined;
    });
    try {
      const { request } = await guard(change(wanted));
      if (number.peek() === wanted) show(request);
      onChanged();
    } catch (error) {
      if (number.peek() === wanted) teamProblem.value = asApiError(error);
    } finally {
      changingTeam.value = false;
    }
  }

  return {
    number,
    detail,
    changingTeam,
    teamProblem,
    /** Gives the open request to a teammate (their id), or to nobody (null). */
    assign: (agentId: string | null) => changeTeam((wanted) => api.assign(wanted, agentId)),
    setTags: (tags: string[]) => changeTeam((wanted) => api.setTags(wanted, tags)),
    mode,
    draft,
    files,
    replyStatus,
    sending,
    sendProblem,
    sentNotice,
    nextStatus,
    changingStatus,
    statusProblem,
    open,
    send,
    changeStatus,
    /** Uploads a file for the draft (a 401 ends the session, as any call's). */
    uploadFile: (file: File) => guard(api.uploadFile(file)),
    /** Fetches the open request again (retry after an error). */
    reload() {
      const wanted = number.peek();
      if (wanted !== null) fetchDetail(wanted, false);
    },
    /** The open request read again and shown, for fresh file URLs (widget/panel/files/renew-urls.ts). */
    reread: () =>
      guard(api.getRequest(number.peek()!)).then(({ request }) => {
        if (number.peek() === request.id) show(request);
        return request;
      }),
    /** Something changed request `changed` elsewhere: fetch it again if it is the one shown. */
    refresh(changed: number) {
      if (changed === number.peek()) fetchDetail(changed, true);
    },
    setMode(next: ComposerMode) {
      batch(() => {
        mode.value = next;
        replyStatus.value = '';
        sentNotice.value = '';
      });
    },
    setDraft(text: string) {
      batch(() => {
        draft.value = text;
        sentNotice.value = '';
      });
    },
    /** Forgets everything, drafts included: someone else may sign in next. */
    reset() {
      drafts.clear();
      fetchRun++;
      batch(() => {
        number.value = null;
        detail.value = loading;
        clearComposer();
      });
    },
  };
}

export type RequestModel = ReturnType<typeof createRequestModel>;
