import { ActionIcon } from '@mantine/core';
import type { MoveDirection } from '../hooks/use-reorder-focus';
import { ArrowIcon } from './ArrowIcon';

interface MoveButtonsProps {
  first: boolean;
  last: boolean;
  /** Accessible names, e.g. « Monter la règle « Voirie » ». */
  upLabel: string;
  downLabel: string;
  onMove: (direction: MoveDirection) => void;
}

/** Up and down buttons of a reorderable row: reachable and operable by keyboard, unlike dragging. */
export function MoveButtons({ first, last, upLabel, downLabel, onMove }: MoveButtonsProps) {
  return (
    <>
      <ActionIcon
        variant="default"
        data-move="up"
        disabled={first}
        onClick={() => onMove('up')}
        aria-label={upLabel}
      >
        <ArrowIcon direction="up" />
      </ActionIcon>
      <ActionIcon
        variant="default"
        data-move="down"
        disabled={last}
        onClick={() => onMove('down')}
        aria-label={downLabel}
      >
        <ArrowIcon direction="down" />
      </ActionIcon>
    </>
  );
}
