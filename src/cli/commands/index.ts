import type { Command } from 'commander';
import { registerTopologyCommand } from './topology.command';

/** Every `autonet` sub-command; each file registers one command tree. */
export const COMMANDS: readonly ((program: Command) => void)[] = [registerTopologyCommand];
