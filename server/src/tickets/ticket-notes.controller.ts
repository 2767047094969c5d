import { Body, Controller, Param, Post } from '@nestjs/common';
import type { MessageView } from '@guichet/shared';
import { CreateNoteDto } from '@guichet/shared/dto';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles, TicketScoped } from '../auth/decorators';
import { AddNoteUseCase } from './add-note.use-case';

@Roles('agent', 'service_head', 'admin')
@Controller('tickets')
export class TicketNotesController {
  constructor(private readonly notes: AddNoteUseCase) {}

  /** An internal note, for agents only: never sent to the citizen. */
  @TicketScoped('id')
  @Post(':id/notes')
  add(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() dto: CreateNoteDto,
  ): Promise<MessageView> {
    return this.notes.execute(user, id, dto.body);
  }
}
