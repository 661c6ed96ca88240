import { randomUUID } from 'node:crypto';
import type { Notice } from '../../shared/contract';
import type { Emit } from './events';

/** Things the user must see once (a settings file that had to be reset, ...). */
export class NoticeBoard {
  private readonly notices: Notice[] = [];

  constructor(private readonly emit: Emit) {}

  post(code: Notice['code'], detail?: string): Notice {
    const notice: Notice = { id: randomUUID(), code, at: new Date().toISOString(), ...(detail ? { detail } : {}) };
    this.notices.push(notice);
    this.emit('app.notice', notice);
    return notice;
  }

  list(): Notice[] {
    return [...this.notices];
  }

  dismiss(id: string): void {
    const index = this.notices.findIndex((notice) => notice.id === id);
    if (index >= 0) this.notices.splice(index, 1);
  }
}
