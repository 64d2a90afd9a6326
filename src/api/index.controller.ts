import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';

/** One resource of the API, as `GET /api/v1` lists it. */
export interface ResourceLink {
  readonly path: string;
  readonly methods: readonly string[];
  readonly description: string;
}

/**
 * What the API offers, for a person or tool that starts at `/api/v1` (instead of a 404). Kept by hand beside
 * the controllers (index.controller.spec.ts fails when a controller's route is missing); the OpenAPI document at /api/docs/openapi.json is the complete reference.
 */
export const RESOURCES: readonly ResourceLink[] = [
  {
    path: '/api/v1/intents',
    methods: ['GET', 'POST'],
    description: 'service intents (POST ?dryRun=true plans only)',
  },
  {
    path: '/api/v1/intents/{name}',
    methods: ['GET', 'PUT', 'DELETE'],
    description: 'one intent; PUT is make-before-break',
  },
  {
    path: '/api/v1/intents/{name}/retry',
    methods: ['POST'],
    description: 'plan and deploy a failed intent again',
  },
  {
    path: '/api/v1/intents/events',
    methods: ['GET'],
    description: 'intent status changes (server-sent events)',
  },
  { path: '/api/v1/slices', methods: ['GET', 'POST'], description: 'network slices' },
  { path: '/api/v1/slices/{name}', methods: ['GET', 'DELETE'], description: 'one slice' },
  { path: '/api/v1/policies', methods: ['GET'], description: 'planned SR policies per headend' },
  {
    path: '/api/v1/paths',
    methods: ['POST'],
    description: 'constrained paths against the bandwidth free now',
  },
  {
    path: '/api/v1/optimize',
    methods: ['POST'],
    description: 'global TE (SR waypoints) on the live network, capacity less reservations',
  },
  {
    path: '/api/v1/topology',
    methods: ['GET'],
    description: 'nodes and links with per-direction bandwidth and state',
  },
  {
    path: '/api/v1/twin/state',
    methods: ['GET'],
    description: 'the digital twin: live link, node and policy state',
  },
  {
    path: '/api/v1/twin/what-if',
    methods: ['POST'],
    description: 'predict a change (failures, demand, intents)',
  },
  {
    path: '/api/v1/twin/forecast',
    methods: ['GET'],
    description: 'per-link utilisation forecast (?horizon=PT6H)',
  },
  { path: '/api/v1/incidents', methods: ['GET'], description: 'closed-loop incidents (?state=open|all)' },
  { path: '/api/v1/incidents/{id}', methods: ['GET'], description: 'one incident with evidence and actions' },
  {
    path: '/api/v1/incidents/{id}/approve',
    methods: ['POST'],
    description: 'approve the proposed repair (L3 autonomy)',
  },
  {
    path: '/api/v1/incidents/{id}/reject',
    methods: ['POST'],
    description: 'reject the proposed repair (L3 autonomy)',
  },
  {
    path: '/api/v1/incidents/events',
    methods: ['GET'],
    description: 'incident changes (server-sent events)',
  },
  { path: '/api/v1/telemetry/status', methods: ['GET'], description: 'telemetry pipeline status per NE' },
  { path: '/api/v1/telemetry/links/{id}', methods: ['GET'], description: 'link series (?from&to&step)' },
  { path: '/api/v1/telemetry/nodes/{id}', methods: ['GET'], description: 'node series' },
  {
    path: '/api/v1/telemetry/policies/{headend}/{name}',
    methods: ['GET'],
    description: 'probe delay, jitter and loss series of an SR policy',
  },
  { path: '/api/v1/audit', methods: ['GET'], description: 'audit log of every change (admin)' },
  {
    path: '/api/v1/auth/tokens',
    methods: ['GET', 'POST'],
    description: 'API tokens: list (never the secrets), create (admin)',
  },
  { path: '/api/v1/auth/tokens/{name}', methods: ['DELETE'], description: 'revoke a token (admin)' },
  { path: '/api/v1/health', methods: ['GET'], description: 'health of store, validator, drivers, telemetry' },
  {
    path: '/api/v1/ready',
    methods: ['GET'],
    description: 'readiness for orchestrators (reconciled, healthy)',
  },
  { path: '/metrics', methods: ['GET'], description: 'Prometheus metrics' },
  {
    path: '/api/docs',
    methods: ['GET'],
    description: 'OpenAPI (Swagger UI; JSON at /api/docs/openapi.json)',
  },
];

@ApiTags('api')
@Controller('v1')
export class IndexController {
  @Get()
  @ApiOperation({ summary: 'List the resources of the API' })
  index(): { name: string; version: string; resources: readonly ResourceLink[] } {
    return { name: 'autonet', version: 'v1', resources: RESOURCES };
  }
}
