import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import type { ContactDetail, ContactMatch } from '@guichet/shared';
import { MergeContactDto, SearchContactsQuery, UpdateContactDto } from '@guichet/shared/dto';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ContactsService } from './contacts.service';

// Elected officials read aggregates only, never citizens.
@Roles('agent', 'service_head', 'admin')
@Controller('contacts')
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Get()
  search(@CurrentUser() user: AuthUser, @Query() query: SearchContactsQuery): Promise<ContactMatch[]> {
    return this.contacts.search(user, query.q);
  }

  @Get(':id')
  detail(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ContactDetail> {
    return this.contacts.detail(user, id);
  }

  @Patch(':id')
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateContactDto,
  ): Promise<ContactDetail> {
    return this.contacts.updateTags(user, id, dto.tags);
  }

  @Post(':id/merge')
  @HttpCode(200)
  merge(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: MergeContactDto,
  ): Promise<ContactDetail> {
    return this.contacts.merge(user, id, dto.contactId);
  }
}
