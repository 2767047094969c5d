import { Module } from '@nestjs/common';
import { ConfigCache } from './config-cache';
import { SettingsService } from './settings.service';

@Module({ providers: [SettingsService, ConfigCache], exports: [SettingsService, ConfigCache] })
export class SettingsModule {}
