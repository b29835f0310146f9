--liquibase formatted sql

--changeset quire:20261122-1906-seed-genres-and-warnings
--comment: a sensible starting list for serial fiction; ids are stable (UUIDv5 of the slug) so environments agree
INSERT INTO genres (id, slug, name, parent_id, is_featured, display_order) VALUES ('44c11606-0643-5c42-8a7e-848fb09b707e', 'fantasy', 'Fantasy', NULL, true, 0);
INSERT INTO genres (id, slug, name, parent_id, is_featured, display_order) VALUES ('75742348-c12a-5b88-83d2-57c90ceda2ad', 'science-fiction', 'Science Fiction', NULL, true, 5);
INSERT INTO genres (id, slug, name, parent_id, is_featured, display_order) VALUES ('c74d480d-6381-5aef-b858-91aae9c8bf51', 'romance', 'Romance', NULL, true, 8);
INSERT INTO genres (id, slug, name, parent_id, is_featured, display_order) VALUES ('d9b011b5-be22-5dfc-b086-ff5e9ac3af0f', 'mystery', 'Mystery', NULL, true, 10);
INSERT INTO genres (id, slug, name, parent_id, is_featured, display_order) VALUES ('0e045d73-501b-5e74-b1fe-1c2b096d19b3', 'thriller', 'Thriller', NULL, false, 11);
INSERT INTO genres (id, slug, name, parent_id, is_featured, display_order) VALUES ('3d435c8e-0703-5d67-b286-2ada4195b146', 'horror', 'Horror', NULL, true, 12);
INSERT INTO genres (id, slug, name, parent_id, is_featured, display_order) VALUES ('57f312c8-79e7-529b-8dd4-4cf08a3ec2be', 'historical', 'Historical', NULL, false, 13);
INSERT INTO genres (id, slug, name, parent_id, is_featured, display_order) VALUES ('f3d5130a-9d6f-5a67-b21f-33d37b8ef61e', 'adventure', 'Adventure', NULL, false, 14);
INSERT INTO genres (id, slug, name, parent_id, is_featured, display_order) VALUES ('02d29ea2-dff6-5e65-b665-2b19d04cdb6e', 'slice-of-life', 'Slice of Life', NULL, true, 15);
INSERT INTO genres (id, slug, name, parent_id, is_featured, display_order) VALUES ('ccba94ed-e78a-523a-a4f6-ddaeabd87cd5', 'comedy', 'Comedy', NULL, false, 16);
INSERT INTO genres (id, slug, name, parent_id, is_featured, display_order) VALUES ('d5f2ea29-9db2-5697-b542-65bd8eef5fff', 'drama', 'Drama', NULL, false, 17);
INSERT INTO genres (id, slug, name, parent_id, is_featured, display_order) VALUES ('6e6ed3fc-d26b-5d84-b4b3-d3b2534d953c', 'action', 'Action', NULL, false, 18);
INSERT INTO genres (id, slug, name, parent_id, is_featured, display_order) VALUES ('8717c1f7-4928-5484-af0e-aaad06463565', 'literary', 'Literary Fiction', NULL, false, 21);
INSERT INTO genres (id, slug, name, parent_id, is_featured, display_order) VALUES ('57a5ec2e-4e48-5fa6-826a-655ac6a2c2bd', 'young-adult', 'Young Adult', NULL, false, 22);
INSERT INTO genres (id, slug, name, parent_id, is_featured, display_order) VALUES ('bdadb804-c07d-5091-a70d-6e5745463a41', 'non-fiction', 'Non-fiction', NULL, false, 23);
INSERT INTO genres (id, slug, name, parent_id, is_featured, display_order) VALUES ('204a57e8-4460-5719-879e-6b6d339bc55f', 'high-fantasy', 'High Fantasy', '44c11606-0643-5c42-8a7e-848fb09b707e', false, 1);
INSERT INTO genres (id, slug, name, parent_id, is_featured, display_order) VALUES ('8efce75c-1c26-5d87-b96f-9313b1d9b0ca', 'urban-fantasy', 'Urban Fantasy', '44c11606-0643-5c42-8a7e-848fb09b707e', false, 2);
INSERT INTO genres (id, slug, name, parent_id, is_featured, display_order) VALUES ('8afc56bc-09f2-577b-acd0-aebbf745c9e7', 'litrpg', 'LitRPG', '44c11606-0643-5c42-8a7e-848fb09b707e', true, 3);
INSERT INTO genres (id, slug, name, parent_id, is_featured, display_order) VALUES ('ff819e50-f79e-5f05-83c6-6f3e26e7a3a1', 'cultivation', 'Cultivation', '44c11606-0643-5c42-8a7e-848fb09b707e', false, 4);
INSERT INTO genres (id, slug, name, parent_id, is_featured, display_order) VALUES ('00e36ca6-ffa9-532f-8461-60db5fe6ca4b', 'space-opera', 'Space Opera', '75742348-c12a-5b88-83d2-57c90ceda2ad', false, 6);
INSERT INTO genres (id, slug, name, parent_id, is_featured, display_order) VALUES ('ccb99a2e-c2ef-5b61-be5b-fabe8861b112', 'cyberpunk', 'Cyberpunk', '75742348-c12a-5b88-83d2-57c90ceda2ad', false, 7);
INSERT INTO genres (id, slug, name, parent_id, is_featured, display_order) VALUES ('f16909a4-f18f-5416-84e8-ba1a2fd7433e', 'romantasy', 'Romantasy', 'c74d480d-6381-5aef-b858-91aae9c8bf51', false, 9);
INSERT INTO genres (id, slug, name, parent_id, is_featured, display_order) VALUES ('20c1f2c8-e746-5359-bed5-a0798ef1969a', 'isekai', 'Isekai', '44c11606-0643-5c42-8a7e-848fb09b707e', true, 19);
INSERT INTO genres (id, slug, name, parent_id, is_featured, display_order) VALUES ('faa70ca2-2300-5e15-88ec-39c7997ddda4', 'post-apocalyptic', 'Post-Apocalyptic', '75742348-c12a-5b88-83d2-57c90ceda2ad', false, 20);
INSERT INTO content_warnings (id, slug, name, description, severity) VALUES ('2091b959-c965-5dea-9831-54a3954c9ca5', 'violence', 'Violence', 'Physical harm to characters', 'MODERATE');
INSERT INTO content_warnings (id, slug, name, description, severity) VALUES ('4a5d9dd9-3ad5-5319-9de6-ae4072e5e6b2', 'graphic-violence', 'Graphic violence', 'Detailed, gory depictions of harm', 'SEVERE');
INSERT INTO content_warnings (id, slug, name, description, severity) VALUES ('c0612405-4a50-5147-8688-327f51ed43b0', 'sexual-content', 'Sexual content', 'Sexual situations or explicit scenes', 'SEVERE');
INSERT INTO content_warnings (id, slug, name, description, severity) VALUES ('d1526f57-6fd7-568c-aadd-7bd5d677c81c', 'strong-language', 'Strong language', 'Frequent profanity', 'MILD');
INSERT INTO content_warnings (id, slug, name, description, severity) VALUES ('874f1c3f-ac38-5c9a-bdab-2be30631e223', 'self-harm', 'Self-harm', 'Depictions or discussion of self-harm', 'SEVERE');
INSERT INTO content_warnings (id, slug, name, description, severity) VALUES ('4099e38a-ed6e-5783-89d2-1fd9b9cc6c4b', 'suicide', 'Suicide', 'Depictions or discussion of suicide', 'SEVERE');
INSERT INTO content_warnings (id, slug, name, description, severity) VALUES ('fbaaec85-9271-584a-93cb-559f280dbc8f', 'substance-use', 'Substance use', 'Drug or alcohol use', 'MODERATE');
INSERT INTO content_warnings (id, slug, name, description, severity) VALUES ('4f8c5e4d-1f4e-5c8c-bbe9-3cb30e269912', 'abuse', 'Abuse', 'Physical, emotional or sexual abuse', 'SEVERE');
INSERT INTO content_warnings (id, slug, name, description, severity) VALUES ('78ec7318-f7ec-585a-80aa-29e29d3975c6', 'death', 'Character death', 'Death of significant characters', 'MODERATE');
INSERT INTO content_warnings (id, slug, name, description, severity) VALUES ('beb90e0a-5662-55ac-9b8b-1689929a4036', 'gore', 'Gore', 'Blood and bodily injury in detail', 'SEVERE');
INSERT INTO content_warnings (id, slug, name, description, severity) VALUES ('f2639d79-a414-5089-84d4-8d24493c3a7d', 'torture', 'Torture', 'Depictions of torture', 'SEVERE');
INSERT INTO content_warnings (id, slug, name, description, severity) VALUES ('328526c0-dd73-58ac-8e21-d378de51244a', 'animal-harm', 'Animal harm', 'Harm to animals', 'MODERATE');
INSERT INTO content_warnings (id, slug, name, description, severity) VALUES ('9807878d-ad56-5d33-8f02-32880c95da7a', 'discrimination', 'Discrimination', 'Racism, sexism or other prejudice', 'MODERATE');
INSERT INTO content_warnings (id, slug, name, description, severity) VALUES ('214298d8-1a7b-5524-852a-cba8a15a5b60', 'war', 'War', 'Armed conflict and its aftermath', 'MODERATE');
INSERT INTO content_warnings (id, slug, name, description, severity) VALUES ('00fc6848-f42e-5c4f-9123-2862ccb96539', 'mental-illness', 'Mental illness', 'Portrayals of mental health struggles', 'MILD');
--rollback DELETE FROM content_warnings; DELETE FROM genres;
