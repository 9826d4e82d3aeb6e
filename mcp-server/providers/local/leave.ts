// The local timesheet's leave: the person's own record, approved as it is filed.
import { rangesOverlap } from '../../domain/leave-days.ts';
import { BackEndError, type LeavePart, type LeaveRequest, type NewLeaveRequest } from '../time-tracker.ts';
import type { LocalSheet, LocalTrackerOptions } from './sheet.ts';

type LeaveRow = {
  id: number;
  type: LeaveRequest['type'];
  first_day: string;
  last_day: string;
  first_day_part: LeaveRequest['firstDayPart'];
  last_day_part: LeaveRequest['lastDayPart'];
  days: number;
  status: LeaveRequest['status'];
  comment: string;
};

export class LocalLeave implements LeavePart {
  /** Local requests are the person's own record, with nobody to approve them (docs/back-ends/local.md, "Leave"). */
  readonly approvesLeaveAtOnce = true;
  readonly #sheet: LocalSheet;
  readonly #options: LocalTrackerOptions;

  constructor(sheet: LocalSheet, options: LocalTrackerOptions) {
    this.#sheet = sheet;
    this.#options = options;
  }

  async listLeave(query: { from: string; to: string }): Promise<LeaveRequest[]> {
    return this.#sheet.read(() => {
      const rows = this.#sheet
        .statement('SELECT * FROM leave_requests WHERE last_day >= ? AND first_day <= ? ORDER BY first_day, id')
        .all(query.from, query.to) as LeaveRow[];
      return rows.map((row) => this.#toLeave(row));
    });
  }

  async createLeave(request: NewLeaveRequest): Promise<LeaveRequest> {
    if (request.kind !== undefined) {
      throw new BackEndError('local_leave_kind_unknown', { kind: request.kind });
    }
    return this.#sheet.write(() => {
      const clash = this.#overlappingLeave(request);
      if (clash) {
        throw new BackEndError('local_leave_overlaps', { request: clash.id, type: clash.type, first_day: clash.firstDay, last_day: clash.lastDay });
      }
      const now = this.#options.now();
      // Local requests are the user's own record, so there is nobody to approve them.
      const id = Number(
        this.#sheet
          .statement(
            `INSERT INTO leave_requests (type, first_day, last_day, first_day_part, last_day_part, days, status, comment, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, 'approved', ?, ?, ?)`,
          )
          .run(request.type, request.firstDay, request.lastDay, request.firstDayPart, request.lastDayPart, request.days, request.comment, now, now)
          .lastInsertRowid,
      );
      return this.#leave(id);
    });
  }

  async cancelLeave(id: number): Promise<LeaveRequest> {
    return this.#sheet.write(() => {
      const request = this.#leave(id);
      if (request.status === 'cancelled') throw new BackEndError('local_leave_already_cancelled', { request: id });
      this.#sheet.statement(`UPDATE leave_requests SET status = 'cancelled', updated_at = ? WHERE id = ?`).run(this.#options.now(), id);
      return this.#leave(id);
    });
  }

  #leave(id: number): LeaveRequest {
    const row = this.#sheet.statement('SELECT * FROM leave_requests WHERE id = ?').get(id) as LeaveRow | undefined;
    if (!row) throw new BackEndError('local_leave_request_not_found', { request: id });
    return this.#toLeave(row);
  }

  #overlappingLeave(request: NewLeaveRequest): LeaveRequest | null {
    const candidates = this.#sheet
      .statement(
        `SELECT * FROM leave_requests
         WHERE status IN ('pending', 'approved') AND last_day >= ? AND first_day <= ? ORDER BY first_day`,
      )
      .all(request.firstDay, request.lastDay) as LeaveRow[];
    for (const row of candidates) {
      const other = this.#toLeave(row);
      if (rangesOverlap(request, other)) return other;
    }
    return null;
  }

  #toLeave(row: LeaveRow): LeaveRequest {
    return {
      id: row.id,
      person: this.#options.personName(),
      type: row.type,
      firstDay: row.first_day,
      lastDay: row.last_day,
      firstDayPart: row.first_day_part,
      lastDayPart: row.last_day_part,
      days: row.days,
      status: row.status,
      comment: row.comment,
    };
  }
}
