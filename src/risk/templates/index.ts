/** The risk assessment tools a partnership may use, by id: versioned data, never code. */
import type { RiskTemplate } from '../template.ts';
import { BANDED_TEMPLATE_V1 } from './banded-v1.ts';
import { SCORED_TEMPLATE_V1 } from './scored-v1.ts';

export const RISK_TEMPLATES: readonly RiskTemplate[] = [SCORED_TEMPLATE_V1, BANDED_TEMPLATE_V1];

export function riskTemplate(id: string): RiskTemplate | null {
  return RISK_TEMPLATES.find((t) => t.id === id) ?? null;
}
