/** Channel platforms (云平台): where applicants come from, identified by {@code channelId}. */
package cn.certhall.domain.channel;
