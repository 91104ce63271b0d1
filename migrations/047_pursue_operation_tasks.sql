-- Issue 17 item 5, the rest of it: tasks inside a Pursue operation. A case worker of the operation's agency
-- gives a task to a colleague of that agency (picked from a list, never typed) with a due day; it shows in the
-- owner's My work until someone running the operation marks it done.

CREATE TABLE pursue_operation_task (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  operation_id uuid NOT NULL REFERENCES pursue_operation (id),
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 1000),
  owner_user_id uuid NOT NULL REFERENCES app_user (id),
  -- The owner's audit label (username) when given the task, shown as "Name, Agency" like any actor.
  owner_label text NOT NULL CHECK (length(owner_label) BETWEEN 1 AND 200),
  due_on date NOT NULL,
  created_by_user uuid,
  created_by_label text NOT NULL CHECK (length(created_by_label) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now(),
  done_at timestamptz,
  done_by_label text CHECK (length(done_by_label) BETWEEN 1 AND 200),
  CHECK ((done_at IS NULL) = (done_by_label IS NULL))
);
CREATE INDEX pursue_operation_task_operation ON pursue_operation_task (operation_id, due_on);
-- My work asks for a user's open tasks on every reading: only open ones are indexed.
CREATE INDEX pursue_operation_task_open_owner ON pursue_operation_task (owner_user_id, due_on) WHERE done_at IS NULL;

GRANT SELECT, INSERT ON pursue_operation_task TO lantern_app;
GRANT UPDATE (done_at, done_by_label) ON pursue_operation_task TO lantern_app;

-- As the operation itself (migration 044): read by the agency's case readers (the operation's own policy
-- decides which operations are visible), written by its case workers while the operation is open. The
-- owner must be an active user of the caller's agency, which is the operation's: the database refuses a
-- task given to someone of another agency whatever the application does.
ALTER TABLE pursue_operation_task ENABLE ROW LEVEL SECURITY;
CREATE POLICY pursue_operation_task_read ON pursue_operation_task FOR SELECT USING (
  lantern_purpose() = 'system' OR (lantern_has_permission('case:read')
  AND EXISTS (SELECT 1 FROM pursue_operation o WHERE o.id = pursue_operation_task.operation_id OFFSET 0)));
CREATE POLICY pursue_operation_task_insert ON pursue_operation_task FOR INSERT WITH CHECK (
  lantern_purpose() = 'system' OR (lantern_has_permission('case:work')
  AND created_by_user IS NOT DISTINCT FROM lantern_user_id()
  AND EXISTS (SELECT 1 FROM pursue_operation o WHERE o.id = pursue_operation_task.operation_id
                 AND o.agency_id = lantern_agency_id() AND o.closed_at IS NULL OFFSET 0)
  AND EXISTS (SELECT 1 FROM app_user u WHERE u.id = pursue_operation_task.owner_user_id
                 AND u.agency_id = lantern_agency_id() AND u.disabled_at IS NULL OFFSET 0)));
CREATE POLICY pursue_operation_task_done ON pursue_operation_task FOR UPDATE
  USING (lantern_purpose() = 'system' OR (lantern_has_permission('case:work')
    AND EXISTS (SELECT 1 FROM pursue_operation o WHERE o.id = pursue_operation_task.operation_id
                   AND o.agency_id = lantern_agency_id() AND o.closed_at IS NULL OFFSET 0)))
  WITH CHECK (lantern_purpose() = 'system' OR (lantern_has_permission('case:work')
    AND EXISTS (SELECT 1 FROM pursue_operation o WHERE o.id = pursue_operation_task.operation_id
                   AND o.agency_id = lantern_agency_id() AND o.closed_at IS NULL OFFSET 0)));
