/** The beta header every Managed Agents noun (agents, environments, sessions, vaults) sends. */
export const MANAGED_AGENTS_BETA = 'managed-agents-2026-04-01';
