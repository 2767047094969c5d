import { IsUUID } from 'class-validator';

/** Merges the contact `contactId` into the one of the URL (the same person on another channel). */
export class MergeContactDto {
  @IsUUID()
  contactId!: string;
}
