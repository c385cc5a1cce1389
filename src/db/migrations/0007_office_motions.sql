-- A motion may give an office: when adopted ("yes"), the named member takes it.
alter table motion add column grants_office jsonb;
