import { IsNumber, Max, Min } from 'class-validator';
import type { RoutingSettings } from '../routing.js';

export class RoutingSettingsDto implements RoutingSettings {
  @IsNumber()
  @Min(0.5)
  @Max(0.99)
  confidenceThreshold!: number;
}
