import type { ApiBodyOptions } from '@nestjs/swagger';

type SchemaObject = NonNullable<Extract<ApiBodyOptions, { schema?: unknown }>['schema']>;

/** OpenAPI shapes of the request bodies (the YANG modules in yang/ are the normative definition). */
export const INTENT_BODY_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['name', 'kind', 'endpoints', 'slo'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', example: 'vpn-finance-1' },
    kind: { type: 'string', enum: ['connectivity'] },
    endpoints: {
      type: 'object',
      required: ['a', 'b'],
      properties: { a: { type: 'string', example: 'ATLAng' }, b: { type: 'string', example: 'NYCMng' } },
    },
    slo: {
      type: 'object',
      required: ['bandwidthMbps'],
      properties: {
        bandwidthMbps: { type: 'number', minimum: 0, exclusiveMinimum: true, example: 500 },
        maxDelayUs: { type: 'integer', minimum: 1, example: 20000 },
        maxLossPct: { type: 'number', minimum: 0, maximum: 100 },
        availability: { type: 'string', enum: ['best-effort', 'standard', 'high', 'critical'] },
      },
    },
    sle: {
      type: 'object',
      properties: {
        protection: { type: 'string', enum: ['none', 'link-disjoint', 'node-disjoint', 'srlg-disjoint'] },
        isolation: { type: 'string', enum: ['shared', 'soft', 'hard'] },
      },
    },
    slice: { type: 'string' },
    priority: { type: 'integer', minimum: 0, maximum: 7, default: 3 },
    classification: { type: 'object' },
  },
};

export const SLICE_BODY_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', example: 'finance' },
    isolation: { type: 'string', enum: ['shared', 'soft', 'hard'], default: 'soft' },
    bandwidthShare: { type: 'number', minimum: 0, maximum: 1, example: 0.2 },
    sloDefaults: { type: 'object' },
  },
};

export const RESTCONF_ERRORS_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    'ietf-restconf:errors': {
      type: 'object',
      properties: {
        error: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              'error-type': { type: 'string' },
              'error-tag': { type: 'string' },
              'error-app-tag': { type: 'string' },
              'error-path': { type: 'string' },
              'error-message': { type: 'string' },
              'error-info': { type: 'object' },
            },
          },
        },
      },
    },
  },
};

/** An incident of the closed loop (issue 9 contract; times are epoch ms of the network clock). */
export const INCIDENT_SCHEMA: SchemaObject = {
  type: 'object',
  required: [
    'id',
    'class',
    'state',
    'detectedAt',
    'suspects',
    'equivalenceClass',
    'affectedIntents',
    'actions',
    'confidence',
  ],
  properties: {
    id: { type: 'string' },
    class: {
      type: 'string',
      enum: [
        'link-down',
        'node-down',
        'gray-loss',
        'latency',
        'flap',
        'crc',
        'congestion',
        'drift',
        'telemetry-gap',
      ],
    },
    state: {
      type: 'string',
      enum: [
        'detected',
        'located',
        'awaiting-approval',
        'repairing',
        'repaired',
        'resolved',
        'failed',
        'rolled-back',
      ],
    },
    detectedAt: { type: 'integer' },
    locatedAt: { type: 'integer', nullable: true },
    repairedAt: { type: 'integer', nullable: true },
    resolvedAt: { type: 'integer', nullable: true },
    suspects: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          kind: { type: 'string', enum: ['link', 'node', 'policy'] },
          id: { type: 'string' },
          probability: { type: 'number', minimum: 0, maximum: 1 },
        },
      },
    },
    equivalenceClass: { type: 'array', items: { type: 'string' } },
    affectedIntents: { type: 'array', items: { type: 'string' } },
    evidence: { type: 'array', items: { type: 'object' } },
    actions: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          at: { type: 'integer' },
          kind: { type: 'string' },
          detail: { type: 'string' },
          result: { type: 'string' },
        },
      },
    },
    confidence: { type: 'number', minimum: 0, maximum: 1 },
  },
};

export const INCIDENT_LIST_SCHEMA: SchemaObject = {
  type: 'object',
  properties: { incidents: { type: 'array', items: INCIDENT_SCHEMA } },
};
