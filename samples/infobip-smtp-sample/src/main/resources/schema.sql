-- the sample's orders; the outbox creates its own tables (infobip.smtp.outbox.initialize-schema)
create table if not exists orders (
	id varchar(36) primary key,
	reference varchar(64) not null unique,
	customer varchar(320) not null,
	item varchar(200) not null,
	quantity int not null,
	confirmation_id varchar(36) not null,
	created_at timestamp with time zone not null
);
