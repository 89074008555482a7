-- Channel platforms (云平台, SPEC 1): the portal is opened as /?channelId=<id>; orders carry the id.
-- The default run has the channel `demo`; a production CA adds its platforms and may disable it.
CREATE TABLE channel (
    id         VARCHAR(64)  NOT NULL PRIMARY KEY,
    name       VARCHAR(200) NOT NULL,
    enabled    BOOLEAN      NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

INSERT INTO channel (id, name, enabled, created_at) VALUES ('demo', '演示云平台', TRUE, CURRENT_TIMESTAMP);
