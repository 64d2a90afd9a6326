import type { Command } from 'commander';
import { registerTopologyCommand } from './topology.command';
import { registerOptimizeCommand } from './optimize.command';
import { registerPathCommand } from './path.command';
import { registerServeCommand } from './serve.command';
import { registerIntentCommand } from './intent.command';
import { registerAuthCommand } from './auth.command';
import { registerAuditCommand } from './audit.command';
import { registerIncidentCommand } from './incident.command';
import { registerAssuranceCommand } from './assurance.command';
import { registerTwinCommand } from './twin.command';

/** Every `autonet` sub-command; each file registers one command tree. */
export const COMMANDS: readonly ((program: Command) => void)[] = [
  registerTopologyCommand,
  registerOptimizeCommand,
  registerPathCommand,
  registerServeCommand,
  registerIntentCommand,
  registerAuthCommand,
  registerAuditCommand,
  registerIncidentCommand,
  registerAssuranceCommand,
  registerTwinCommand,
];
