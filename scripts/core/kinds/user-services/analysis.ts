/** The user services kind's part for the analysis. */
import type { AnalysisKind } from '../../analysis/kind.js';
import type { Service } from '../../model/service.js';

export const userServicesAnalysis: AnalysisKind<Service> = {};
