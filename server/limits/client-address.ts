/**
 * The address a limit counts a client by. IPv6 clients are counted per /64 — one customer line
 * usually gets a whole /64, so counting single addresses would give a guesser 2^64 fresh
 * allowances — and IPv4-mapped IPv6 addresses as the IPv4 address they are.
 * `request.ip` already follows TRUST_PROXY: X-Forwarded-For counts only behind a trusted proxy.
 */
import { normalizeIP } from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';

export const clientAddress = (request: FastifyRequest): string => normalizeIP(request.ip);
