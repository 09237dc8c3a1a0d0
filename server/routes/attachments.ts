/**
 * POST /api/v1/sites/:site/attachments?filename=… — a file for a message still to be sent, from the
 * widget or the Help Center: with a member's session (a session from an email link may upload, and
 * only that one request may claim what it uploads), or without one — then counted per client
 * address (ANONYMOUS_UPLOADS_PER_HOUR, every instance together), and claimable only by an anonymous
 * new request on this site.
 */
import type { FastifyInstance } from 'fastify';
import { typedRoutes } from './typed.js';
import { AttachmentBody, AttachmentUploadQuery, ErrorBody, SiteParams } from '../contract/types.js';
import { authenticateMember, bearerToken } from '../auth/member-session.js';
import { memberUploader } from '../store/rules/attachment-claims.js';
import { clientAddress } from '../limits/client-address.js';
import { ApiError } from '../errors.js';
import { acceptRawBodies, answerUpload } from './uploads.js';

const HOUR_MS = 60 * 60 * 1000;

export async function attachmentRoutes(app: FastifyInstance): Promise<void> {
  const routes = typedRoutes(app);
  const { config, clock } = app.porthole;
  const anonymousUploads = app.porthole.windows('anonymous uploads per address');
  acceptRawBodies(app);

  routes.post(
    '/:site/attachments',
    { schema: { params: SiteParams, querystring: AttachmentUploadQuery, response: { 201: AttachmentBody, '4xx': ErrorBody } } },
    async (request, reply) => {
      if (bearerToken(request) !== undefined) {
        const member = await authenticateMember(app, request, { narrowsToLinkedRequest: true });
        return answerUpload(app, request, reply, { siteId: request.site.id, uploader: memberUploader(member.scope), query: request.query });
      }
      const window = await anonymousUploads.hit(clientAddress(request), HOUR_MS);
      if (window.count > config.attachments.anonymousPerHour) {
        const seconds = Math.max(1, Math.ceil((window.resetAt - clock().getTime()) / 1000));
        throw new ApiError(429, 'rate_limited', `Too many uploads. Try again in ${seconds} seconds.`, undefined, { 'retry-after': String(seconds) });
      }
      return answerUpload(app, request, reply, { siteId: request.site.id, uploader: { kind: 'anonymous' }, query: request.query });
    },
  );
}
